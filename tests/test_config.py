"""analysis/config.py: every path derived in one place, and each there."""

import importlib.util
import re
import shutil
from pathlib import Path

import nbformat

import analysis
from analysis import config
from analysis.config import (
    DATA_DIR,
    NOTEBOOKS_DIR,
    PACKAGE_DIR,
    PROJ_ROOT,
    SEEDS_DIR,
    SHARED_CORPORA_DIR,
    TEMPLATES_DIR,
)
from analysis.dictionaries.actors import DEFAULT_ACTORS
from analysis.dictionaries.eras import DEFAULT_ERAS
from analysis.pages import MODULES, pages


def test_the_package_and_project_folders_are_where_the_code_is():
    assert Path(analysis.__file__).resolve().parent == PACKAGE_DIR
    assert PACKAGE_DIR.is_absolute() and (PACKAGE_DIR / "config.py").is_file()
    assert PACKAGE_DIR.parent == PROJ_ROOT and (PROJ_ROOT / "pyproject.toml").is_file()
    assert PROJ_ROOT.parent / "shared" / "corpora" == SHARED_CORPORA_DIR


def test_the_data_folder_holds_the_shipped_dictionaries_and_word_lists():
    assert DATA_DIR == PACKAGE_DIR / "data" and DATA_DIR.is_dir()
    assert sorted(p.name for p in DATA_DIR.iterdir()) == [
        "abbreviations.txt",
        "actors.yml",
        "eras.yml",
        "leaders.yml",
        "phrases.txt",
        "sentence_starters.txt",
        "states.yml",
        "stopwords.txt",
    ]
    assert all(p.stat().st_size > 0 for p in DATA_DIR.iterdir())
    assert (DEFAULT_ACTORS.parent, DEFAULT_ERAS.parent) == (DATA_DIR, DATA_DIR)


def test_the_templates_folder_holds_the_index_and_the_page_template():
    assert TEMPLATES_DIR == PACKAGE_DIR / "report" / "templates" and TEMPLATES_DIR.is_dir()
    assert (TEMPLATES_DIR / "report-index.html.j2").is_file()
    assert {p.name for p in (TEMPLATES_DIR / "policy-discourse").iterdir()} == {
        "conf.json",
        "index.html.j2",
    }
    # pyproject.toml installs the page template where jupyter nbconvert finds it by name.
    pyproject = (PROJ_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for name in ("conf.json", "index.html.j2"):
        installed = (TEMPLATES_DIR / "policy-discourse" / name).relative_to(PROJ_ROOT)
        assert f'"{installed.as_posix()}"' in pyproject, name


def test_the_notebooks_folder_holds_every_page_of_the_registry_and_nothing_else():
    assert NOTEBOOKS_DIR.is_dir()
    built_in = pages()[: len(MODULES)]
    for page in pages():
        assert page.path().is_file(), page.name
        nbformat.read(page.path(), as_version=4)  # a notebook, not just a file of that name
    assert [page.path().parent for page in built_in] == [NOTEBOOKS_DIR] * len(built_in)
    # No notebook that the report would never run.
    assert sorted(p.name for p in NOTEBOOKS_DIR.glob("*.ipynb")) == sorted(
        str(page.notebook) for page in built_in
    )


def test_the_seeds_are_beside_the_package():
    assert SEEDS_DIR == PROJ_ROOT / "seeds"
    assert sorted(p.name for p in SEEDS_DIR.glob("*.txt")) == [
        "000_977c81c4cfa53bf2.txt",
        "004_913ef7c22a1c9937.txt",
    ]


def _config_in(root: Path, *, installed: bool):
    """config.py as it runs from ``root/analysis/``: a checkout (notebooks/ beside the
    package) or an installed package (analysis/notebooks/ inside it)."""
    package = root / "analysis"
    package.mkdir(parents=True)
    shutil.copy(config.__file__, package / "config.py")
    (package / "notebooks" if installed else root / "notebooks").mkdir()
    spec = importlib.util.spec_from_file_location(f"config_{installed}", package / "config.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_notebooks_are_found_in_a_checkout_and_in_an_installed_package(tmp_path):
    checkout = _config_in(tmp_path / "checkout", installed=False)
    assert (tmp_path / "checkout" / "notebooks").resolve() == checkout.NOTEBOOKS_DIR
    installed = _config_in(tmp_path / "site-packages", installed=True)
    assert (
        tmp_path / "site-packages" / "analysis" / "notebooks"
    ).resolve() == installed.NOTEBOOKS_DIR
    assert (tmp_path / "site-packages" / "analysis" / "data").resolve() == installed.DATA_DIR


#: Where a module's own file names a path: advice to plugin authors, in a message.
ADVICE = "e.g. Path(__file__).parent / 'page.ipynb'"


def test_no_other_module_derives_a_path_from_its_own_file():
    # Paths in one place: a module needing a folder imports it from config.
    for module in sorted(PACKAGE_DIR.rglob("*.py")):
        if module == PACKAGE_DIR / "config.py":
            continue
        code = module.read_text(encoding="utf-8").replace(ADVICE, "")
        found = re.search(r"Path\(__file__\)|os\.path\.\w+\(__file__", code)
        assert not found, module.relative_to(PACKAGE_DIR)
