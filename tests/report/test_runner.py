"""analysis/report/runner.py, the quick part (whole runs are in tests/test_report.py): which
files of an output folder are a report's own, so that a run may replace them."""

import pytest

from analysis.report.output import OutputError, check_output
from analysis.report.runner import _is_report_file


def test_a_page_is_the_reports_own_whatever_its_name_when_its_notebook_is_kept(tmp_path):
    out = tmp_path / "report"
    (out / "notebooks").mkdir(parents=True)
    (out / "tables").mkdir()
    for name in ("index.html", "report.html", "report.json", "run.json", "01_overview.html"):
        (out / name).write_text("written by a run", encoding="utf-8")
    # An added page (examples/plugin's) is named as it likes: its executed notebook says
    # that a run wrote it. Before, a second run into the folder refused it as foreign.
    (out / "questions.html").write_text("a page", encoding="utf-8")
    (out / "notebooks" / "questions.ipynb").write_text("{}", encoding="utf-8")
    assert check_output(out, ours=_is_report_file) == out.resolve()
    # A page of one's own, with no notebook of the run beside it, is not the report's.
    (out / "notes.html").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match=r"holds files a run did not write \(notes.html\)"):
        check_output(out, ours=_is_report_file)
