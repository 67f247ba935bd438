"""User text shown literally: code spans, Matplotlib labels, spreadsheet cells; numbers in each language."""
from app.export import spreadsheet_safe
from app.format import md_code, mpl_label, num, numbers_in, pct, pct_or_tiny


def test_md_code_wraps_any_text_literally():
    assert md_code("pizza") == "`pizza`"
    assert md_code("a`b") == "`` a`b ``"
    assert md_code("``x") == "``` ``x ```"
    assert md_code("**bold** :red[x] $x$") == "`**bold** :red[x] $x$`"


def test_matplotlib_labels():
    assert mpl_label("$x$") == r"\$x\$"


def test_numbers_as_french_writes_them():
    with numbers_in("fr"):
        assert num(-0.2131) == "\u22120,213"
        assert pct(0.3871) == "38,7\u202f%"
        assert pct_or_tiny(1e-9) == "< 0,01\u202f%"
    assert (num(-0.2131), pct(0.3871)) == ("-0.213", "38.7%")  # English again outside


def test_number_formats():
    assert num(-0.0001) == "0.000"
    assert num(1.23456, 2) == "1.23"
    assert pct(0.3867) == "38.7%"
    assert pct_or_tiny(0.00001) == "< 0.01%"
    assert pct_or_tiny(0.0) == "0.00%"


def test_spreadsheet_safe():
    assert spreadsheet_safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert spreadsheet_safe("-vous") == "-vous"
    assert spreadsheet_safe("-2+3") == "'-2+3"
    assert spreadsheet_safe("pizza") == "pizza"
