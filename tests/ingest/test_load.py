import codecs

import pytest

from analysis.ingest.load import (
    DecodeError,
    LoadProblem,
    RawDocument,
    decode_bytes,
    find_files,
    iter_corpus,
    read_manifest,
)

TEXT = "Pakistan\u2019s \u201cstrategic depth\u201d \u2013 caf\u00e9\nsecond line"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_decode_gives_the_right_characters(data, encoding):
    text, used, _ = decode_bytes(data)
    assert text == TEXT
    assert used == encoding


def test_cp1252_is_reported_and_crlf_normalised():
    text, _, warnings = decode_bytes(b"It\x92s late.\r\nNext line\rthird")
    assert text == "It\u2019s late.\nNext line\nthird"
    assert warnings == ["not UTF-8; decoded as Windows-1252"]


def test_bytes_undefined_in_cp1252_are_replaced_and_counted():
    text, _, warnings = decode_bytes(b"caf\xe9 \x81 ok")
    assert text == "caf\u00e9 \ufffd ok"
    assert "1 bytes undefined in Windows-1252 were replaced by U+FFFD" in warnings


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b" \n\t\n", "file holds only white space"),
        (b"%PDF-1.7 binary", "binary file (a PDF file), not text"),
        (bytes(range(256)) * 4, "binary file (control bytes throughout), not text"),
    ],
)
def test_empty_and_binary_files_are_refused(data, message):
    with pytest.raises(DecodeError, match=message.replace("(", r"\(").replace(")", r"\)")):
        decode_bytes(data)


@pytest.mark.parametrize(
    ("encoding", "letter"), [("utf-8", "\u00e9\u4e2d"), ("utf-16", "\u00e9"), ("cp1252", "\u00e9")]
)
def test_a_file_with_more_than_one_control_character_in_a_hundred_is_refused(encoding, letter):
    # 1,000 characters: 10 stray control characters pass (a few in a real file), 11 do not;
    # counted in the bytes for UTF-8 and Windows-1252, in the text for the others.
    body = (("Kashmir " + letter) * 200)[:989]
    controls = "\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x1f\x1b"
    ten, eleven = body + "y" + controls[:10], body + controls
    assert len(ten) == len(eleven) == 1000
    assert decode_bytes(ten.encode(encoding))[0] == ten
    with pytest.raises(DecodeError, match="control bytes throughout"):
        decode_bytes(eleven.encode(encoding))


def test_find_files_skips_hidden_readme_manifest_and_other_types(tmp_path):
    for name in (
        "a.txt",
        "b.md",
        "c.html",
        "README.md",
        "manifest.csv",
        "notes.rtf",
        ".hidden.txt",
    ):
        (tmp_path / name).write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.htm").write_text("x")
    found = find_files(tmp_path)
    assert found.skipped == []
    articles, ignored = found.articles, found.ignored
    assert [p.relative_to(tmp_path).as_posix() for p in articles] == [
        "a.txt",
        "b.md",
        "c.html",
        "sub/d.htm",
    ]
    assert [p.name for p in ignored] == ["notes.rtf"]


def test_manifest_columns_are_mapped_and_extras_kept(tmp_path):
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(
        "file,title,date,author_or_speaker,country_or_source,licence,words\n"
        'a.txt,"A title, with comma",1965-03-15,Lyndon B. Johnson,United States,PD,12\n'
        "b.txt,,1971,,,CC0,\n",
        encoding="utf-8",
    )
    entries, problems = read_manifest(manifest)
    assert problems == []
    assert entries == {
        "a.txt": {
            "title": "A title, with comma",
            "published": "1965-03-15",
            "date_precision": "day",
            "author": "Lyndon B. Johnson",
            "source": "United States",
            "licence": "PD",
            "meta_words": "12",
        },
        "b.txt": {"published": "1971", "date_precision": "year", "licence": "CC0"},
    }


def test_manifest_without_file_column_is_ignored_with_a_reason(tmp_path):
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("name,title\na.txt,T\n")
    entries, problems = read_manifest(manifest)
    assert entries == {}
    assert len(problems) == 1 and "no file column" in problems[0].problem


def test_iter_corpus_reads_manifest_names_problems_and_keeps_ids_unique(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "same.txt").write_text("One text here.")
    (tmp_path / "y" / "same.txt").write_text("Another text here.")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "x" / "manifest.csv").write_text(
        "file,title\nsame.txt,From manifest\ngone.txt,Missing\n"
    )
    items = list(iter_corpus(tmp_path))
    docs = [item for item in items if isinstance(item, RawDocument)]
    problems = [str(item) for item in items if isinstance(item, LoadProblem)]
    assert sorted(doc.doc_id for doc in docs) == ["x/same", "y/same"]
    by_id = {doc.doc_id: doc for doc in docs}
    assert by_id["x/same"].metadata == {"title": "From manifest"}
    assert by_id["y/same"].metadata == {}
    assert problems == [
        f"{tmp_path / 'empty.txt'}: skipped: empty file",
        f"{tmp_path / 'x' / 'manifest.csv'}: 1 listed file(s) not found: gone.txt",
    ]


def test_iter_corpus_refuses_a_missing_folder(tmp_path):
    with pytest.raises(NotADirectoryError):
        list(iter_corpus(tmp_path / "nope"))
