"""Faults in the dictionary files and the parameters that name their entries (issue 23,
cases 8, 11 and 13): each is refused in one line that names the file and the entry, before
any document is analysed (exit code 2), and no file is read that is not a regular one."""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pandas as pd
import papermill
import pytest
from _plotly_utils.basevalidators import ColorValidator

from analysis.config import PROJ_ROOT, SEEDS_DIR
from analysis.dictionaries.actors import ActorDictionaryError, load_actors
from analysis.dictionaries.eras import EraDictionaryError, load_eras
from analysis.pages.trends import choose_actors
from analysis.report.runfile import RunError, RunFile
from tests.conftest import run_cli

TEXT = (
    "Talks\n\nThe U.S. and Pakistan met in Islamabad over the Zenda crisis. The US sent an envoy.\n"
)
ERA = "  - {id: ZENDA, label: The Zenda crisis, start: 2007, cues: [Zenda crisis], exact: [ZC]"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "talks.txt").write_text(TEXT, encoding="utf-8")
    return folder


def features(corpus: Path, *options, timeout: int = 120) -> subprocess.CompletedProcess:
    """``features CORPUS --out OUT OPTIONS`` in a process that may take 3 GB of address space
    at most, so a file read without bound fails there rather than filling the machine."""

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))

    out = corpus.parent / "out"
    try:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "analysis",
                "features",
                corpus,
                "--out",
                out,
                "--quiet",
                *options,
            ],
            cwd=PROJ_ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            preexec_fn=limited,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"features {' '.join(map(str, options))} still ran after {timeout} s")


def refused(result: subprocess.CompletedProcess, *said: str) -> str:
    """The one line a refused run wrote, checked to hold each of ``said``."""
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, result.stderr[-2000:]
    assert len(lines) == 1, result.stderr
    for part in said:
        assert part in lines[0]
    return lines[0]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# Case 8: a user's name that takes over a shipped one; a key given twice.


def test_a_users_alias_that_is_a_shipped_exact_name_is_refused_unless_the_file_replaces(corpus):
    mine = write(
        corpus.parent / "mine.yml",
        "actors:\n  - {id: UNCLE, label: Uncle Sam, kind: group, aliases: [U.S.]}\n",
    )
    line = refused(features(corpus, "--actors", mine), f"{mine}: ", "UNCLE", "'U.S.'", "USA")
    assert line.startswith(f"error: {mine}: ")
    with pytest.raises(ActorDictionaryError, match="UNCLE"):
        load_actors(mine)
    # Used alone, the file takes nothing over: "U.S." is Uncle Sam, "US" no one.
    assert features(corpus, "--actors", mine, "--actors-replace").returncode == 0
    mentions = pd.read_parquet(corpus.parent / "out" / "mentions.parquet")
    assert mentions[["surface", "actor_id"]].values.tolist() == [["U.S.", "UNCLE"]]
    # Replacing the shipped actor itself takes nothing over either.
    own_usa = write(
        corpus.parent / "usa.yml",
        "actors:\n  - {id: USA, label: United States, kind: state, aliases: [U.S.]}\n",
    )
    assert set(load_actors(own_usa).actors["USA"].aliases) == {"U.S."}
    # An ignored phrase would take the shipped name's mentions just the same.
    shield = write(corpus.parent / "shield.yml", "actors: []\nignore: [US]\n")
    refused(features(corpus, "--actors", shield), f"{shield}: ", "'US'", "USA")


def test_within_the_users_own_file_a_name_both_ignoring_case_and_exact_is_refused(tmp_path):
    mine = write(
        tmp_path / "mine.yml",
        "actors:\n"
        "  - {id: ACME, label: Acme, kind: group, aliases: [Acme]}\n"
        "  - {id: ACMEX, label: ACME exchange, kind: group, exact: [ACME]}\n",
    )
    with pytest.raises(ActorDictionaryError) as error:
        load_actors(mine, extend=False)
    assert str(error.value).startswith(f"{mine}: ")
    assert "'Acme'" in str(error.value) and "'ACME'" in str(error.value)
    eras = write(
        tmp_path / "eras.yml",
        f"eras:\n{ERA}}}\n  - {{id: Z2, label: Z2, start: 2017, cues: [zc]}}\n",
    )
    with pytest.raises(EraDictionaryError, match=r"'zc'.*'ZC'|'ZC'.*'zc'"):
        load_eras(eras, extend=False)


@pytest.mark.parametrize(
    ("files", "where", "key"),
    [
        (  # the first list is lost
            {
                "mine.yml": "actors:\n  - {id: A, label: A, kind: group, aliases: [Aa]}\n"
                "actors:\n  - {id: B, label: B, kind: group, aliases: [Bb]}\n"
            },
            "mine.yml: line 3",
            "'actors'",
        ),
        (  # the first aliases are lost
            {
                "mine.yml": "actors:\n  - id: A\n    label: A\n    kind: group\n    aliases: [Aa]\n"
                "    aliases: [Ab]\n"
            },
            "mine.yml: line 6",
            "'aliases'",
        ),
        (  # in an included file: that file is named
            {
                "mine.yml": "include: [more.yml]\nactors: []\n",
                "more.yml": "actors:\n  - {id: A, label: A, kind: group, kind: state, aliases: [Aa]}\n",
            },
            "more.yml: line 2",
            "'kind'",
        ),
    ],
)
def test_a_key_given_twice_in_an_actor_file_is_refused(corpus, files, where, key):
    for name, text in files.items():
        write(corpus.parent / name, text)
    mine = corpus.parent / "mine.yml"
    line = refused(features(corpus, "--actors", mine), str(corpus.parent / where), key, "twice")
    assert "entry A" in line or key == "'actors'"
    with pytest.raises(ActorDictionaryError, match="twice"):
        load_actors(mine, extend=False)


def test_a_key_given_twice_in_an_era_file_is_refused(corpus):
    eras = write(corpus.parent / "eras.yml", f"eras:\n{ERA}, color: '#000000', color: red}}\n")
    refused(features(corpus, "--eras", eras), f"{eras}: line 2", "'color'", "ZENDA", "twice")


# Case 11: what an include may name, and how much is read.


def test_an_include_of_a_device_is_refused_without_reading_it(corpus):
    mine = write(corpus.parent / "mine.yml", "include: [/dev/zero]\nactors: []\n")
    refused(features(corpus, "--actors", mine, timeout=60), f"{mine}: ", "/dev/zero", "regular")
    refused(features(corpus, "--eras", "/dev/zero", timeout=60), "/dev/zero", "regular")


def test_an_include_of_a_fifo_is_refused_without_waiting_on_it(corpus):
    os.mkfifo(corpus.parent / "pipe.yml")
    mine = write(corpus.parent / "mine.yml", "include: [pipe.yml]\nactors: []\n")
    refused(features(corpus, "--actors", mine, timeout=60), f"{mine}: ", "pipe.yml", "regular")
    refused(features(corpus, "--actors", corpus.parent / "pipe.yml", timeout=60), "regular")


def test_a_file_over_the_limit_is_refused_after_reading_no_more_than_it(tmp_path):
    big = tmp_path / "big.yml"
    with big.open("wb") as out:  # sparse: only its first line takes room on disk
        out.write(b"actors: []\n")
        out.truncate(10 * 2**20 + 1)
    with pytest.raises(ActorDictionaryError, match="more than 10 MB"):
        load_actors(big)
    mine = write(tmp_path / "mine.yml", "include: [big.yml]\nactors: []\n")
    with pytest.raises(ActorDictionaryError, match=f"^{re.escape(str(mine))}: .*more than 10 MB"):
        load_actors(mine)


def test_each_file_is_read_once_so_includes_that_fan_out_are_refused_at_once(corpus):
    for number in range(26):  # each file includes the next twice: 2 ** 26 reads
        write(
            corpus.parent / f"f{number}.yml",
            f"include: [f{number + 1}.yml, f{number + 1}.yml]\nactors: []\n",
        )
    write(corpus.parent / "f26.yml", "actors: []\n")
    refused(
        features(corpus, "--actors", corpus.parent / "f0.yml", timeout=60),
        f"{corpus.parent / 'f25.yml'}: ",
        "f26.yml",
        "second time",
    )
    # A file included by two others is refused too, naming the first.
    write(corpus.parent / "top.yml", "include: [left.yml, right.yml]\nactors: []\n")
    write(corpus.parent / "left.yml", "include: [leaf.yml]\nactors: []\n")
    write(corpus.parent / "right.yml", "include: [leaf.yml]\nactors: []\n")
    write(
        corpus.parent / "leaf.yml", "actors:\n  - {id: A, label: A, kind: group, aliases: [Aa]}\n"
    )
    right = re.escape(str(corpus.parent / "right.yml"))
    with pytest.raises(ActorDictionaryError, match=f"^{right}: leaf.yml .*left.yml"):
        load_actors(corpus.parent / "top.yml")


def test_a_nul_byte_in_a_file_name_is_refused_with_a_message(corpus):
    mine = write(corpus.parent / "mine.yml", 'include: ["more\\0.yml"]\nactors: []\n')
    refused(features(corpus, "--actors", mine), f"{mine}: ", "NUL")
    with pytest.raises(RunError, match="NUL"):
        RunFile.of({"corpus": str(corpus), "actors": "mine\0.yml"})


def test_an_era_file_may_include_another_and_unknown_keys_are_refused(corpus):
    write(corpus.parent / "more.yml", f"eras:\n{ERA}}}\n")
    eras = write(
        corpus.parent / "eras.yml",
        "include: [more.yml]\neras:\n  - {id: MINE, label: Mine, start: 2020, cues: [envoy]}\n",
    )
    assert features(corpus, "--eras", eras, "--eras-replace").returncode == 0
    found = pd.read_parquet(corpus.parent / "out" / "eras.parquet")
    assert sorted(found["era_id"]) == ["MINE", "ZENDA"]
    for name, text, key in [
        ("actors.yml", "actors: []\nignores: [Indian Ocean]\n", "ignores"),
        ("era.yml", f"eras:\n{ERA}}}\ncolors: {{ZENDA: red}}\n", "colors"),
        (
            "roles.yml",
            "actors:\n  - {id: RUL, label: Rudolf, kind: person, aliases: [Rudolf],\n"
            "     roles: [{role: king, of: RUR, strat: 1900}]}\n",
            "strat",
        ),
    ]:
        option = "--eras" if name == "era.yml" else "--actors"
        path = write(corpus.parent / name, text)
        refused(features(corpus, option, path), f"{path}: ", key)


def test_the_shipped_dictionaries_still_load():
    assert len(load_actors().actors) == 3023 and len(load_actors().offices) > 20
    assert list(load_eras().eras) == [
        "partition",
        "cold_war",
        "war_1971",
        "nuclear_1998",
        "war_on_terror",
        "china_competition",
    ]


# Case 13: an era colour plotly cannot draw; trend actors the run does not know.


def test_an_era_colour_is_checked_as_plotly_checks_it(corpus):
    eras = write(corpus.parent / "eras.yml", f"eras:\n{ERA}, color: bleu}}\n")
    refused(features(corpus, "--eras", eras), f"{eras}: ", "ZENDA", "'bleu'")
    plotly = ColorValidator("color", "era")
    for colour in [
        "#0072B2",
        "#abc",
        "rgb(0, 114, 178)",
        "rgba(0,0,0,0.5)",
        "hsl(200, 50%, 40%)",
        "SteelBlue",
        " red ",
        "bleu",
        "#ab",
        "rgb(0,0)",
        "transparent",
        "12",
    ]:
        write(eras, f"eras:\n{ERA}, color: '{colour}'}}\n")
        try:
            plotly.validate_coerce(colour)
            drawable = True
        except ValueError:
            drawable = False
        if drawable:
            assert load_eras(eras).eras["ZENDA"].color == colour
        else:
            with pytest.raises(EraDictionaryError, match="ZENDA"):
                load_eras(eras)


@pytest.fixture(scope="module")
def seed_tables(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seeds") / "tables"
    assert run_cli("features", SEEDS_DIR, "--out", out, "--quiet").returncode == 0
    return out


def test_unknown_trend_actors_are_refused_with_the_closest_known_ones(seed_tables):
    tables = {
        name: pd.read_parquet(seed_tables / f"{name}.parquet")
        for name in ("mentions", "documents", "actors")
    }
    with pytest.raises(ValueError, match=r"'Chna'.*CHN") as error:
        choose_actors(
            tables["mentions"], tables["documents"], ["PAK", "Chna"], actors=tables["actors"]
        )
    assert "PAK" not in str(error.value).split("closest")[0]
    with pytest.raises(ValueError, match=r"'Pakistan'.*PAK"):  # a name suggests its id
        choose_actors(
            tables["mentions"], tables["documents"], ["Pakistan"], actors=tables["actors"]
        )
    assert choose_actors(tables["mentions"], tables["documents"], ["PAK"], actors=tables["actors"])[
        0
    ] == ["PAK"]


@pytest.mark.slow
def test_a_lab_user_is_told_at_the_trends_page_start(seed_tables, tmp_path):
    with pytest.raises(papermill.PapermillExecutionError) as error:
        papermill.execute_notebook(
            str(PROJ_ROOT / "notebooks" / "07_trends.ipynb"),
            str(tmp_path / "out.ipynb"),
            parameters={"run": str(seed_tables), "trend_actors": ["CHN", "Chna"]},
            cwd=str(PROJ_ROOT / "notebooks"),
            progress_bar=False,
        )
    assert "'Chna'" in str(error.value) and "CHN" in str(error.value)


@pytest.mark.slow
def test_the_report_refuses_unknown_trend_actors_before_any_notebook(tmp_path):
    said = run_cli(
        "report", SEEDS_DIR, "--out", tmp_path / "r", "--quiet", "-p", "trend_actors", "[CHN, Chna]"
    )
    refused(said, "parameter 'trend_actors'", "'Chna'", "CHN")
    assert not (tmp_path / "r").exists()
