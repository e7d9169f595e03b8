"""Tests for the markup readers: block text, kinds, and exact source offsets."""

from __future__ import annotations

import dataclasses
import html
import random
import re
from pathlib import Path

import pytest

from promisecheck.sources import (
    SUPPORTED_EXTENSIONS,
    Block,
    read_source,
    reader_for,
)
from promisecheck.sources import html as html_reader
from promisecheck.sources import markdown, plain

DATA = Path(__file__).parent / "data" / "sources"
NEWLINES = pytest.mark.parametrize("nl", ["\n", "\r\n"], ids=["lf", "crlf"])


def fixture(name: str, nl: str = "\n") -> str:
    return (DATA / name).read_text(encoding="utf-8").replace("\n", nl)


def block_with(blocks: list[Block], needle: str) -> Block:
    matches = [b for b in blocks if needle in b.text]
    assert matches, f"no block contains {needle!r}: {[b.text for b in blocks]}"
    return matches[0]


def source_of(source: str, blocks: list[Block], needle: str) -> str:
    """The source text behind the first occurrence of ``needle`` in the blocks' text."""
    block = block_with(blocks, needle)
    i = block.text.index(needle)
    return source[slice(*block.span(i, i + len(needle)))]


def texts(blocks: list[Block]) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in blocks]


def assert_faithful(source: str, blocks: list[Block]) -> None:
    """Every character of every block comes from where its offsets say, in source order."""
    for block in blocks:
        assert block.text and block.text == block.text.strip() and "  " not in block.text
        assert len(block.offsets) == len(block.ends) == len(block.text)
        previous = -1
        for i, ch in enumerate(block.text):
            start, end = block.offsets[i], block.ends[i]
            assert 0 <= previous <= start or previous == -1
            assert start < end <= len(source)
            previous = start
            token = source[start:end]
            if ch == " ":
                assert html.unescape(token).isspace(), (block, i, token)
            elif token.startswith("&") and len(token) > 1:
                assert ch in html.unescape(token), (block, i, token)
            elif token == "\0":
                assert ch == "\ufffd"  # markdown-it's NUL replacement
            else:
                assert token == ch, (block, i, token)


# -- Block ---------------------------------------------------------------------------------------


def test_block_span_uses_ends_and_defaults_to_one_char_per_offset() -> None:
    source = "AT&amp;T"
    block = Block("AT&T", (0, 1, 2, 7), "paragraph", (1, 2, 7, 8))
    assert block.span(0, 3) == (0, 7)
    assert source[slice(*block.span(2, 3))] == "&amp;"
    assert block.to_dict() == {"text": "AT&T", "kind": "paragraph", "start": 0, "end": 8}
    plain_block = Block("Hi", (4, 5), "text")
    assert plain_block.ends == (5, 6)
    assert plain_block.span(0, 2) == (4, 6)


def test_block_rejects_bad_input() -> None:
    block = Block("Hi", (0, 1), "text")
    with pytest.raises(ValueError):
        block.span(1, 1)
    with pytest.raises(ValueError):
        block.span(0, 3)
    with pytest.raises(ValueError):
        Block("Hi", (0,), "text")
    with pytest.raises(ValueError):
        Block("Hi", (0, 1), "text", (1,))
    with pytest.raises(ValueError):
        Block("Hi", (0, 1), "sidebar")
    with pytest.raises(dataclasses.FrozenInstanceError):
        block.text = "Ho"  # type: ignore[misc]


# -- dispatch ------------------------------------------------------------------------------------


def test_reader_for_each_extension() -> None:
    assert SUPPORTED_EXTENSIONS == (
        ".md", ".markdown", ".mdx", ".html", ".htm", ".xhtml", ".txt", ".text"
    )  # fmt: skip
    assert reader_for(".md") is reader_for(".MARKDOWN") is markdown.read
    assert reader_for(".Mdx") is markdown.read_mdx
    assert reader_for(".HTM") is reader_for(".xhtml") is html_reader.read
    assert reader_for(".txt") is reader_for(".TEXT") is plain.read
    with pytest.raises(ValueError, match=r"^unsupported file type '\.docx'$"):
        reader_for(".docx")
    with pytest.raises(ValueError):
        read_source("x", ".pdf")


@pytest.mark.parametrize("ext", SUPPORTED_EXTENSIONS)
def test_empty_and_blank_files_have_no_blocks(ext: str) -> None:
    assert read_source("", ext) == []
    assert read_source(" \n\t\r\n  ", ext) == []


# -- Markdown ------------------------------------------------------------------------------------


@NEWLINES
def test_markdown_blocks_and_kinds(nl: str) -> None:
    blocks = read_source(fixture("tricky.md", nl), ".md")
    assert texts(blocks) == [
        ("heading", "Our Promise to You"),
        ("paragraph", "Intro paragraph with bold, emphasis and a link text. It wraps onto a "
         "second line with and an escaped *star*. AT&T's plan costs €5, 'quoted'."),
        ("heading", "Setext heading"),
        ("blockquote", "Quoted promise line one continues here."),
        ("blockquote", "Nested quote."),
        ("list_item", "First item continued line"),
        ("list_item", "Second item"),
        ("list_item", "Nested bullet"),
        ("list_item", "Another with tab"),
        ("table_cell", "Plan"),
        ("table_cell", "Price"),
        ("table_cell", "Basic"),
        ("table_cell", "5 | 6 €"),
        ("table_cell", "Pro"),
        ("table_cell", "10 €"),
        ("alt_text", "Alt text of the logo"),
        ("paragraph", "Caption after image."),
        ("paragraph", "Reference full link and collapsed and shortcut."),
        ("paragraph", "Inline bold html kept, autolink and bare skipped."),
        ("paragraph", "Hard break here next line, and another last line."),
        ("paragraph", "مرحبا بكم في متجرنا. Très élégant, déjà vu 😀 and 🇫🇷!"),
    ]  # fmt: skip


@NEWLINES
def test_markdown_spans_are_exact(nl: str) -> None:
    src = fixture("tricky.md", nl)
    blocks = read_source(src, ".md")
    cases = {
        "Our Promise to You": "Our *Promise* to You",
        "with bold, emphasis and a link text.": "with **bold**, _emphasis_ and a "
        '[link text](https://example.com/a "Link title").',
        "text. It wraps": f'text](https://example.com/a "Link title").{nl}It wraps',
        "line with and": "line with `inline code` and",
        "*star*": r"*star\*",
        "AT&T's": "AT&amp;T&#39;s",
        "€5, 'quoted'.": "&euro;5, &#x27;quoted&#x27;.",
        "Setext heading": "Setext heading",
        "one continues here.": f"one{nl}> continues here.",
        "Nested quote.": "Nested quote.",
        "First item continued line": f"First item{nl}   continued line",
        "Nested bullet": "Nested **bullet",
        "Another with": "Another\twith",
        "5 | 6 €": r"5 \| 6 €",
        "10 €": "10* €",
        "Alt text of the logo": "Alt text of the logo",
        "Caption after image.": "Caption after image.",
        "full link and collapsed and shortcut.": (
            "full link][ref] and [collapsed][] and [shortcut]."
        ),
        "bold html kept, autolink and": "bold html</b> kept, <!-- comment skipped --> autolink "
        "<https://example.com/auto> and",
        "and bare skipped.": "and bare https://example.com/bare skipped.",
        "here next": f"here  {nl}next",
        "another last": f"another\\{nl}last",
        "مرحبا بكم": "مرحبا بكم",
        "élégant, déjà vu 😀 and 🇫🇷!": "élégant, déjà vu 😀 and 🇫🇷!",
    }
    for needle, expected in cases.items():
        assert source_of(src, blocks, needle) == expected, needle
    # A collapsed line break points at its first whitespace character.
    heading = block_with(blocks, "one continues")
    space = heading.text.index(" continues")
    assert src[heading.offsets[space] : heading.ends[space]] == nl[0]
    assert_faithful(src, blocks)


def test_markdown_skips_code_html_front_matter_and_urls() -> None:
    src = fixture("tricky.md")
    joined = " ".join(b.text for b in read_source(src, ".md"))
    for hidden in ("Front matter", "refund", "guarantee", "Indented code", "HTML block",
                   "inline code", "comment skipped", "example.com", "Link title", "Ref title",
                   "Logo title", "logo.png", "**", "`", "\\"):  # fmt: skip
        assert hidden not in joined, hidden


def test_markdown_table_cells_map_to_their_own_cell() -> None:
    src = "a | b\n--|--\nb | b\n| | \\|lead |\n"
    blocks = read_source(src, ".md")
    assert texts(blocks) == [("table_cell", t) for t in ("a", "b", "b", "b", "|lead")]
    assert [b.offsets[0] for b in blocks[:4]] == [0, 4, 12, 16]
    assert src[slice(*blocks[4].span(0, 5))] == "|lead"  # the escaped pipe, not its backslash
    assert blocks[4].offsets[0] == src.index("\\|lead") + 1


def test_markdown_links_images_and_references() -> None:
    src = (
        "[a [b] c](u) then [![inner alt](i.png)](link) and [t](<x y> 'ti\\'tle') end\n"
        "[multi]( u\n  \"title\"\n) after [ref] and [AT&amp;T][ref]\n\n[ref]: /r 'R'\n"
    )
    blocks = read_source(src, ".md")
    assert texts(blocks) == [
        ("paragraph", "a [b] c then and t end multi after ref and AT&T"),
        ("alt_text", "inner alt"),
    ]
    assert source_of(src, blocks, "c then and t end") == (
        "c](u) then [![inner alt](i.png)](link) and [t](<x y> 'ti\\'tle') end"
    )
    assert source_of(src, blocks, "multi after") == 'multi]( u\n  "title"\n) after'
    assert source_of(src, blocks, "AT&T") == "AT&amp;T"
    assert source_of(src, blocks, "inner alt") == "inner alt"


def test_markdown_escapes_entities_and_inline_code() -> None:
    src = "x \\[not link\\] \\\\ back \\a ``code ` in`` &copy; &#x1F600; &bogus; & &nbsp;y"
    (block,) = read_source(src, ".md")
    assert block.text == "x [not link] \\ back \\a © 😀 &bogus; & y"
    assert source_of(src, [block], "[not link]") == "[not link\\]"
    assert source_of(src, [block], "\\ back \\a") == "\\ back \\a"
    assert source_of(src, [block], "©") == "&copy;"
    assert source_of(src, [block], "😀") == "&#x1F600;"
    # &nbsp; is whitespace: it collapses with the space before it, which it follows.
    assert source_of(src, [block], "& y") == "& &nbsp;y"
    assert_faithful(src, [block])


def test_markdown_nested_containers_and_tabs() -> None:
    src = (
        "- a\n  > quoted in list\n  1. deep\n     > > deeper\n"
        "-\tTab item\n\tcontinued\n\n>\tTab quote\nlazy line\n"
    )
    blocks = read_source(src, ".md")
    assert texts(blocks) == [
        ("list_item", "a"),
        ("blockquote", "quoted in list"),
        ("list_item", "deep"),
        ("blockquote", "deeper"),
        ("list_item", "Tab item continued"),
        ("blockquote", "Tab quote lazy line"),
    ]
    assert source_of(src, blocks, "Tab item continued") == "Tab item\n\tcontinued"
    assert source_of(src, blocks, "quote lazy") == "quote\nlazy"
    assert source_of(src, blocks, "deeper") == "deeper"


def test_markdown_task_boxes_and_only_code() -> None:
    src = "- [ ] ship it\n- [x] done\n"
    assert [b.text for b in read_source(src, ".md")] == ["ship it", "done"]
    assert source_of(src, read_source(src, ".md"), "done") == "done"
    assert read_source("```\nWe always refund.\n```\n\n    Indented too.\n", ".md") == []
    assert read_source("<!-- only a comment -->\n", ".md") == []


@NEWLINES
def test_mdx_skips_esm_comments_and_jsx_tags(nl: str) -> None:
    src = fixture("tricky.mdx", nl)
    blocks = read_source(src, ".mdx")
    assert texts(blocks) == [
        ("heading", "Pricing"),
        ("paragraph", "Our plans never change without notice."),
        ("paragraph", "Refunds take up to 14 days."),
        ("paragraph", "We let you import your data in one click."),
    ]
    assert source_of(src, blocks, "change without notice.") == "change *without notice*."
    assert source_of(src, blocks, "Refunds take") == "Refunds take"
    assert source_of(src, blocks, "you import") == f"you{nl}import"
    assert_faithful(src, blocks)
    # The same file read as plain Markdown keeps its import lines as prose.
    assert "Chart" in " ".join(b.text for b in read_source(src, ".md"))


def test_mdx_comment_inside_a_line() -> None:
    src = "Fast {/* not\nreally */} delivery."
    (block,) = read_source(src, ".mdx")
    assert block.text == "Fast delivery."
    assert src[slice(*block.span(0, len(block.text)))] == src


# -- HTML ----------------------------------------------------------------------------------------


@NEWLINES
def test_html_blocks_kinds_and_spans(nl: str) -> None:
    src = fixture("tricky.html", nl)
    blocks = read_source(src, ".html")
    assert texts(blocks) == [
        ("heading", "Boutique & Co"),
        ("heading", 'Our "Promise"'),
        ("paragraph", "First bold and a link, AT&T's price is €5 'quoted'."),
        ("paragraph", "After the break."),
        ("list_item", "One item"),
        ("list_item", "Two end"),
        ("alt_text", "Logo & mark"),
        ("table_cell", "Plan"),
        ("table_cell", "Basic <5>"),
        ("blockquote", "Quoted text."),
        ("paragraph", "مرحبا بكم 😀 🇫🇷 Très élégant, déjà vu."),
        ("paragraph", "code() stays as text."),
    ]
    cases = {
        "Boutique & Co": "Boutique &amp; Co",
        'Our "Promise"': "Our &quot;Promise&quot;",
        "bold and a link, AT&T's": f'bold</b> and <a href="/x" title="Link title">a link</a>,{nl}'
        "     AT&amp;T&#39;s",
        "€5 'quoted'.": "&euro;5 &#x27;quoted&#x27;.",
        "After the break.": "After the break.",
        "Logo & mark": "Logo &amp; mark",
        "Two end": 'Two <img src="logo.png" alt="Logo &amp; mark"> end',
        "Basic <5>": "Basic &lt;5&gt;",
        "😀 🇫🇷 Très élégant, déjà vu.": "😀 🇫🇷 <span>Très élégant</span>,\tdéjà vu.",
        "code() stays": "code()</code> stays",
    }
    for needle, expected in cases.items():
        assert source_of(src, blocks, needle) == expected, needle
    joined = " ".join(b.text for b in blocks)
    for hidden in ("skipped", "claim", "utf-8", "comment", "logo.png", "Link title"):
        assert hidden not in joined, hidden
    assert_faithful(src, blocks)


def test_html_odd_markup_does_not_break_the_reader() -> None:
    src = (
        "<p>Unclosed <b>bold<p>Next &ampfoo &#0; &unknown; AT&T a < b</p>"
        "<![weird]> <img alt='single &amp; quoted'><IMG ALT=bare><img alt=\"\"><br/>tail"
        "<ul><li>one<li>two</ul><textarea>typed</textarea>"
    )
    blocks = read_source(src, ".html")
    assert texts(blocks) == [
        ("paragraph", "Unclosed bold"),
        ("paragraph", "Next &foo \ufffd &unknown; AT&T a < b"),
        ("alt_text", "single & quoted"),
        ("alt_text", "bare"),
        ("paragraph", "tail"),
        ("list_item", "one"),
        ("list_item", "two"),
        ("paragraph", "typed"),
    ]
    assert source_of(src, blocks, "&foo") == "&ampfoo"
    assert source_of(src, blocks, "single & quoted") == "single &amp; quoted"
    assert_faithful(src, blocks)


def test_html_stray_character_reference_does_not_swallow_the_rest() -> None:
    # Python's parser (3.11) treats everything after such an "&#" as text unless we step in.
    src = "<p>Save 10&# now</p><script>hidden()</script><p>Next &#xZZ &#12a</p>"
    blocks = read_source(src, ".html")
    assert texts(blocks) == [("paragraph", "Save 10&# now"), ("paragraph", "Next &#xZZ a")]
    assert source_of(src, blocks, "10&# now") == "10&# now"
    assert source_of(src, blocks, "&#xZZ a") == "&#xZZ &#12a"


# -- plain text ----------------------------------------------------------------------------------


@NEWLINES
def test_plain_text_paragraphs(nl: str) -> None:
    src = fixture("tricky.txt", nl)
    blocks = read_source(src, ".txt")
    assert texts(blocks) == [
        ("text", "First paragraph wraps onto a second line."),
        ("text", "Second paragraph with a tab, élégant 😀 🇫🇷. مرحبا بكم في متجرنا."),
        ("text", "Third paragraph &amp; literal."),
    ]
    assert source_of(src, blocks, "wraps onto") == f"wraps{nl}onto"
    assert source_of(src, blocks, "Second paragraph") == "Second\tparagraph"
    assert source_of(src, blocks, "🇫🇷. مرحبا") == f"🇫🇷.{nl}مرحبا"
    assert_faithful(src, blocks)


# -- properties ----------------------------------------------------------------------------------

_PIECES = [
    "word", "Très", "😀", "🇫🇷", "مرحبا", " ", " ", "\t", "\n", "\r\n", "\n\n", "*", "_", "`", "[",
    "]", "(", ")", "<", ">", "!", "#", "&", ";", "\\", "|", "-", "1.", "> ", "- ", "    ", "&amp;",
    "&#39;", "&nbsp;", "\\*", "`code`", "**bold**", "[link](u 't')", "![alt](i)", "[ref]",
    "\n\n[ref]: /u\n", "<b>", "</b>", "<!-- c -->", "https://x.y/z", "<https://a.b>",
    "| a | b |\n|---|---|\n| c | \\| |\n", "```\n", "{/* c */}", "import a from 'b'\n", "<p>",
    "</p>", "<li>", "<h2>", "<img alt='x &amp; y'>", "<script>", "</script>", "<br/>", "<title>",
    "<head>", "<![CDATA[x]]>", "&copy", "\r",
]  # fmt: skip


@pytest.mark.parametrize("ext", [".md", ".mdx", ".html", ".txt"])
def test_generated_inputs_map_every_character_back(ext: str) -> None:
    rng = random.Random(ext)
    for _ in range(150):
        src = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 40)))
        assert_faithful(src, read_source(src, ext))


def _markdown_with_unique_words(rng: random.Random) -> str:
    """A random Markdown document whose visible characters each occur once (CJK ideographs).

    Since no visible character repeats, "``text[i]`` equals the source character at
    ``offsets[i]``" pins every offset down exactly.
    """
    codes = iter(range(0x4E00, 0x9FFF))

    def word() -> str:
        return "".join(chr(next(codes)) for _ in range(rng.randint(1, 4)))

    def inline() -> str:
        forms = [
            lambda: word(), lambda: f"*{word()}*", lambda: f"**{word()} {word()}**",
            lambda: f'[{word()}](http://{word()}.com "{word()}")', lambda: f"![{word()}]({word()})",
            lambda: f"`{word()}`", lambda: "&amp;", lambda: f"<b>{word()}</b>",
            lambda: f"\\*{word()}", lambda: f"[{word()}][r]", lambda: f"_{word()}_",
        ]  # fmt: skip
        return " ".join(rng.choice(forms)() for _ in range(rng.randint(1, 6)))

    def lines(first: str, rest: str) -> str:
        return "\n".join((rest if i else first) + inline() for i in range(rng.randint(1, 3)))

    def row(n: int) -> str:
        forms = [word, lambda: f"*{word()}*", lambda: f"{word()} \\| {word()}", lambda: ""]
        return " | ".join(rng.choice(forms)() for _ in range(n))

    def table() -> str:
        n = rng.randint(1, 3)
        return f"| {row(n)} |\n|{'---|' * n}\n| {row(n)} |\n{row(n)}"

    blocks = [
        lambda: lines("", ""),
        lambda: "#" * rng.randint(1, 6) + " " + inline() + rng.choice(["", " ##"]),
        lambda: inline() + rng.choice(["\n===", "\n---"]),
        lambda: lines("> ", rng.choice(["> ", "", ">"])),
        lambda: lines("> > ", "> > "),
        lambda: lines("- ", rng.choice(["  ", ""])) + "\n" + lines("  1. ", "     "),
        lambda: lines("-\t", "\t"),
        table,
        lambda: f"```\n{word()}\n```",
        lambda: f'[r]: http://{word()} "{word()}"',
    ]
    src = "\n\n".join(rng.choice(blocks)() for _ in range(rng.randint(1, 8))) + "\n"
    return src.replace("\n", "\r\n") if rng.random() < 0.5 else src


def test_markdown_offsets_are_exact_and_no_visible_word_is_lost() -> None:
    from markdown_it import MarkdownIt

    renderer = MarkdownIt("commonmark").enable("table")
    ideograph = re.compile("[\u4e00-\u9fff]")
    rng = random.Random(7)
    for _ in range(80):
        src = _markdown_with_unique_words(rng)
        blocks = read_source(src, ".md")
        assert_faithful(src, blocks)
        # What markdown-it itself renders as visible text (alt text included, code excluded).
        rendered = renderer.render(src)
        rendered = re.sub(r'<code>.*?</code>|(?:href|title|src)="[^"]*"', "", rendered, flags=re.S)
        visible = set(ideograph.findall(rendered))
        assert set(ideograph.findall(" ".join(b.text for b in blocks))) == visible, src


@pytest.mark.parametrize(
    ("name", "ext"), [("tricky.md", ".md"), ("tricky.mdx", ".mdx"), ("tricky.html", ".html"),
                      ("tricky.txt", ".txt"), ("tricky.md", ".txt"), ("tricky.html", ".md")]
)  # fmt: skip
def test_fixtures_map_every_character_back(name: str, ext: str) -> None:
    for nl in ("\n", "\r\n", "\r"):
        src = fixture(name, nl)
        assert_faithful(src, read_source(src, ext))
