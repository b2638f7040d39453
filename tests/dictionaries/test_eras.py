import pytest

from analysis.dictionaries.eras import EraDictionaryError, load_eras
from analysis.dictionaries.phrases import PhraseMatcher
from analysis.features.eras import era_mix_rows, era_rows
from analysis.ingest.parse import parse_document

from ..conftest import SEED_000, SEED_004


@pytest.fixture(scope="module")
def eras():
    return load_eras()


def cues(text, eras):
    return [(era, surface) for _, _, era, surface in eras.matcher.find(text)]


def test_spelling_variants_of_one_cue(eras):
    for spelling in (
        "counter-terrorism",
        "counter terrorism",
        "counterterrorism",
        "counter–terrorism",
    ):
        assert cues(f"They spoke of {spelling} again.", eras) == [("war_on_terror", spelling)]
    assert cues("Al Qaeda and al-Qaida and al-Qa\u2019ida", eras) == [
        ("war_on_terror", "Al Qaeda"),
        ("war_on_terror", "al-Qaida"),
        ("war_on_terror", "al-Qa\u2019ida"),
    ]


def test_longest_cue_wins_and_nothing_is_counted_twice(eras):
    # "Soviet withdrawal from Afghanistan" is the Cold War once: not also "Soviet", nor the
    # 2021 "withdrawal from Afghanistan".
    assert cues("After the Soviet withdrawal from Afghanistan the mujahideen fought on.", eras) == [
        ("cold_war", "Soviet withdrawal from Afghanistan"),
        ("cold_war", "mujahideen"),
    ]
    assert cues("The US withdrawal from Afghanistan in 2021.", eras) == [
        ("war_on_terror", "withdrawal from Afghanistan")
    ]
    # "a new Cold War" is the great-power competition of today, not the Cold War.
    assert cues("We do not seek a new Cold War.", eras) == [("china_competition", "new Cold War")]


def test_ignored_phrases_and_case_sensitive_cues(eras):
    assert cues("The post-Soviet states and the post-Cold War order.", eras) == []
    assert cues("The Partition Plan for Palestine.", eras) == []
    assert cues("The Quad met; the quad bike did not. CPEC and cpec.", eras) == [
        ("china_competition", "Quad"),
        ("china_competition", "CPEC"),
    ]
    # Bare "terrorism" and "Afghanistan" name no era.
    assert cues("Terrorism in Afghanistan worries everyone.", eras) == []


def test_year_belongs_to_the_shortest_era_that_contains_it(eras):
    assert eras.era_of_year(1972) == "war_1971"
    assert eras.era_of_year(1985) == "cold_war"
    assert eras.era_of_year(1950) == "partition"
    assert eras.era_of_year(1998) == "nuclear_1998"
    assert eras.era_of_year(2005) == "war_on_terror"
    assert eras.era_of_year(2025) == "china_competition"
    assert eras.era_of_year(1900) is None


def test_seed_cues_read_by_hand(eras):
    first = parse_document(SEED_000.read_text(encoding="utf-8"))
    rows = era_rows("000", first.sentences, eras)
    assert [(r["sentence_id"], r["era_id"], r["cue"]) for r in rows] == [
        (0, "cold_war", "Cold War"),
        (0, "war_on_terror", "war on terror"),
        (0, "china_competition", "competition with China"),
        (1, "war_on_terror", "counter terrorism"),
        (3, "war_on_terror", "withdrawal from Afghanistan"),
        (7, "war_1971", "Shimla Agreement"),
    ]
    for row in rows:
        assert first.text[row["start"] : row["end"]] == row["cue"]
    second = parse_document(SEED_004.read_text(encoding="utf-8"))
    invoked = {r["era_id"] for r in era_rows("004", second.sentences, eras)}
    assert invoked == {"war_on_terror", "china_competition"}


def test_era_mix_counts_sentences_and_compares_across_lengths(eras):
    second = parse_document(SEED_004.read_text(encoding="utf-8"))
    rows = era_rows("004", second.sentences, eras)
    mix = {r["era_id"]: r for r in era_mix_rows("004", rows, len(second.sentences), eras)}
    # War on terror cues in sentences 3, 5, 7, 8, 12, 20, 21, 22, 28 (9 sentences);
    # China's influence in 20 and 28. 11 era-framed sentences of 31 in all.
    assert mix["war_on_terror"]["sentences"] == 9
    assert mix["china_competition"]["sentences"] == 2
    assert mix["war_on_terror"]["share"] == pytest.approx(9 / 11)
    assert mix["china_competition"]["share"] == pytest.approx(2 / 11)
    assert mix["war_on_terror"]["sentence_share"] == pytest.approx(9 / 31)
    # Two cues of one era in one sentence count that sentence once.
    doubled = [
        {"sentence_id": 0, "era_id": "cold_war"},
        {"sentence_id": 0, "era_id": "cold_war"},
        {"sentence_id": 1, "era_id": "war_on_terror"},
    ]
    mix = {r["era_id"]: r for r in era_mix_rows("x", doubled, 4, eras)}
    assert (mix["cold_war"]["sentences"], mix["cold_war"]["cues"]) == (1, 2)
    assert mix["cold_war"]["share"] == 0.5
    assert mix["cold_war"]["sentence_share"] == 0.25


def test_a_users_file_extends_or_replaces_the_shipped_eras(tmp_path):
    own = tmp_path / "eras.yml"
    own.write_text(
        "eras:\n"
        "  - id: covid\n    label: Pandemic\n    start: 2020\n    end: 2022\n"
        "    cues: [pandemic, COVID-19]\n",
        encoding="utf-8",
    )
    extended = load_eras(own)
    assert "cold_war" in extended.eras and "covid" in extended.eras
    assert [c[2] for c in extended.matcher.find("The COVID 19 pandemic and the Cold War.")] == [
        "covid",
        "covid",
        "cold_war",
    ]
    assert extended.era_of_year(2021) == "covid"
    alone = load_eras(own, extend=False)
    assert list(alone.eras) == ["covid"]
    assert alone.matcher.find("the Cold War") == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("eras: [", "not valid YAML"),
        ("periods: []", "expected a mapping with an 'eras' list"),
        ("eras:\n  - id: x\n    start: 1990\n    cues: [a]\n", "entry 1 (x): 'label' is missing"),
        ("eras:\n  - id: x\n    label: X\n    cues: [a]\n", "entry 1 (x): 'start' must be a year"),
        (
            "eras:\n  - id: x\n    label: X\n    start: 1990\n    end: 1980\n    cues: [a]\n",
            "'end' must be a year not before 'start' (1990)",
        ),
        (
            "eras:\n  - id: x\n    label: X\n    start: 1990\n",
            "nothing to match (give 'cues' or 'exact')",
        ),
        (
            "eras:\n  - id: x\n    label: X\n    start: 1990\n    cues: [a]\n    colour: red\n",
            "unknown field(s) colour",
        ),
        (
            "eras:\n  - {id: x, label: X, start: 1990, cues: [a]}\n"
            "  - {id: x, label: Y, start: 1991, cues: [b]}\n",
            "entry 2 (x): id used twice",
        ),
        (
            "eras:\n  - {id: x, label: X, start: 1990, cues: [counter-terrorism]}\n"
            "  - {id: y, label: Y, start: 1991, cues: [counter terrorism]}\n",
            "'counter terrorism' is given for both x (as 'counter-terrorism') and y",
        ),
        (  # the same phrase twice, spelled alike: it used to go to the last one silently
            "eras:\n  - {id: x, label: X, start: 1990, cues: [Great Game]}\n"
            "  - {id: y, label: Y, start: 1991, cues: [Great Game]}\n",
            "'Great Game' is given for both x (as 'Great Game') and y",
        ),
        (
            "eras:\n  - {id: x, label: X, start: 1990, cues: [détente]}\nignore: [Détente]\n",
            "'Détente' is both a phrase of x and ignored",
        ),
    ],
)
def test_a_malformed_file_is_refused_with_its_name_and_problem(tmp_path, content, message):
    path = tmp_path / "bad.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EraDictionaryError) as error:
        load_eras(path, extend=False)
    assert str(path) in str(error.value)
    assert message in str(error.value)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(EraDictionaryError, match="cannot read the file"):
        load_eras(tmp_path / "nope.yml")


def test_matcher_spellings_apostrophes_and_shields():
    matcher = PhraseMatcher(
        {"New Delhi": "IND", "China's rise": "CHN", "Indian Ocean": None, "India": "IND"},
        {"US": "USA"},
    )
    found = [
        (e, s)
        for _, _, e, s in matcher.find(
            "New-Delhi, China\u2019s rise, the Indian Ocean, us, US, India."
        )
    ]
    assert found == [
        ("IND", "New-Delhi"),
        ("CHN", "China\u2019s rise"),
        ("USA", "US"),
        ("IND", "India"),
    ]
