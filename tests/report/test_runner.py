"""analysis/report/runner.py, the quick part (whole runs are in tests/report/test_report.py): which
files of an output folder are a report's own, so that a run may replace them."""

import pytest

from analysis.report.output import OutputError, StagedOutput, check_output
from analysis.report.runner import notebook_paths, report_layout


def test_a_page_is_the_reports_own_whatever_its_name_when_the_run_listed_it(tmp_path):
    out, staging = tmp_path / "report", tmp_path / "staging"
    (staging / "notebooks").mkdir(parents=True)
    (staging / "tables").mkdir()
    for name in ("index.html", "report.html", "report.json", "run.json", "01_overview.html"):
        (staging / name).write_text("written by a run", encoding="utf-8")
    # An added page (examples/plugin's) is named as it likes; once its package is
    # uninstalled, no notebook of the registry names it: the marker the run left lists it.
    (staging / "questions.html").write_text("a page", encoding="utf-8")
    (staging / "notebooks" / "questions.ipynb").write_text("{}", encoding="utf-8")
    StagedOutput(out, staging, "report").publish()
    layout = report_layout(out, notebook_paths())
    assert check_output(out, ours=layout) == out.resolve()
    # A page of one's own, which no run wrote, is not the report's.
    (out / "notes.html").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match=r"holds files a run did not write \(notes.html\)"):
        check_output(out, ours=report_layout(out, notebook_paths()))
