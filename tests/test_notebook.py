import plotly.graph_objects as go
import pytest

from analysis import notebook as nb


class FlakyExport:
    """A figure's write_image that fails its first ``failures`` calls, as Kaleido's tab
    does when the figure arrives before the tab's script has loaded."""

    def __init__(self, failures: int) -> None:
        self.failures, self.calls = failures, 0

    def __call__(self, path, **size) -> None:
        self.calls += 1
        if self.calls <= self.failures:
            raise RuntimeError("ReferenceError: kaleido_scopes is not defined")
        path.write_bytes(b"\x89PNG")
        assert size == {"width": 1200, "height": 600}


@pytest.fixture
def figure(monkeypatch):
    fig = go.Figure(go.Bar(x=["a"], y=[1]))
    monkeypatch.setattr(type(fig), "show", lambda self: None)
    return fig


def test_a_png_that_fails_now_and_then_is_written_on_a_later_attempt(tmp_path, figure):
    figure.write_image = export = FlakyExport(failures=nb.PNG_ATTEMPTS - 1)
    nb.show(figure, "timeline", png_dir=str(tmp_path / "figures"))
    assert export.calls == nb.PNG_ATTEMPTS
    assert (tmp_path / "figures" / "timeline.png").read_bytes() == b"\x89PNG"


def test_a_png_that_keeps_failing_is_an_error(tmp_path, figure):
    figure.write_image = export = FlakyExport(failures=nb.PNG_ATTEMPTS)
    with pytest.raises(RuntimeError, match="kaleido_scopes"):
        nb.show(figure, "timeline", png_dir=str(tmp_path))
    assert export.calls == nb.PNG_ATTEMPTS
    assert not (tmp_path / "timeline.png").exists()


def test_no_png_is_written_unless_the_run_asks(tmp_path, figure):
    figure.write_image = export = FlakyExport(failures=0)
    nb.show(figure, "timeline")
    assert export.calls == 0
