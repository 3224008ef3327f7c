"""The web chat (app.py): its API through gradio_client, a real browser, XSS, uploads, concurrency.

One app server per module: a temporary embedded store holding the sample article, served by
`python app.py` in a subprocess on a free port. The browser tests drive Debian's chromium
(/usr/bin/chromium, installed by .ci/run) through Playwright; they skip only where it is missing.
Screenshots land in test-output/ at the repository root.
"""

from __future__ import annotations

import html
import re
import sys
import threading
from pathlib import Path

import pytest

from conftest import DATA, ROOT, print_server_log_on_failure, serving_the_sample

OUTPUT = ROOT / "test-output"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
FESTIVAL = DATA / "festival-article.txt"
XSS = DATA / "xss-article.txt"

SAMPLE_TITLE = "Putin Akan Temui Kim Jong Un"
CAMPBELL_Q = "What did Campbell tell Kim Hong-kyun?"
CAMPBELL_TO_KIM = "Kurt Campbell, mengatakan kepada mitranya dari Korsel, Kim Hong-kyun"
KIM_Q = "What did Kim Hong-kyun tell Campbell?"
KIM_TO_CAMPBELL = "Kim Hong-kyun, mengatakan kepada Campbell"
FESTIVAL_Q = "How many visitors attended the Zambrela kite festival?"
FESTIVAL_SENTENCE = "Festival Layang-Layang Zambrela tahun ini dihadiri 48.213 pengunjung"
FESTIVAL_TITLE = "Festival Layang-Layang Zambrela Pecahkan Rekor Pengunjung di Tanjung Merbau"
XSS_Q = "How many tons of apples did Qorvantis harvest?"
XSS_SCRIPT = "<script>window.__xss=1</script>"
XSS_IMG = '<img src=x onerror="window.__xss=2">'
XSS_LINK = "[dinas pertanian](javascript:window.__xss=3)"

ANSWER_TIMEOUT_MS = 120_000  # an offline answer takes < 2 s; the first one loads more


# ---- the app server ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def kabar_app(tmp_path_factory, model):
    """`python app.py --store DIR --collection NAME --port PORT` over a store with the sample."""
    with serving_the_sample(tmp_path_factory.mktemp("kabar-app"), model, "apptest") as server:
        yield server


@pytest.fixture(autouse=True)
def _server_log_on_failure(request):
    """Print the app server's log after a test that used it and failed."""
    yield from print_server_log_on_failure(request, "kabar_app")


def _client(url: str):
    from gradio_client import Client

    return Client(url, verbose=False)


# ---- unit tests (no server) ----------------------------------------------------------------
@pytest.mark.parametrize("name", [
    "../../etc/passwd", "a/b\\c.txt", "..", ".", "", ".bashrc", "/abs/path/.hidden.md",
    "C:\\Users\\x\\..\\..\\boot.ini", "\x00..\x00/x.txt", "évil name!.TXT", "x" * 300 + ".txt",
    "..\\..\\..\\windows\\win.ini", "~/.ssh/authorized_keys",
])
def test_safe_upload_name_stays_in_the_folder(name, tmp_path):
    from qa.service import safe_upload_name

    safe = safe_upload_name(name)
    assert "/" not in safe and "\\" not in safe and "\x00" not in safe
    assert not safe.startswith(".") and safe not in {".", ".."}
    assert len(safe) <= 100
    folder = tmp_path / "uploads"
    folder.mkdir()
    target = folder / safe
    assert target.resolve().parent == folder.resolve()
    target.write_text("x")  # a real file name on this system
    assert [p.name for p in folder.iterdir()] == [safe]


def test_safe_upload_name_keeps_the_base_name():
    from qa.service import safe_upload_name

    assert safe_upload_name("../../etc/passwd") == "passwd.txt"
    assert safe_upload_name("a/b\\c.txt") == "c.txt"
    assert safe_upload_name("Berita Hari Ini.HTML") == "Berita_Hari_Ini.html"
    assert safe_upload_name("articles.jsonl") == "articles.jsonl"


def _hostile_answer(*, abstained: bool = False):
    from qa.documents import Answer, Citation, Passage

    quote = f"Walikota mengumumkan panen {XSS_SCRIPT} mencapai 9.871 ton."
    text = f"Pembuka {XSS_IMG} paragraf.\n{quote}\nPenutup <b>tebal</b> & selesai."
    passage = Passage(article_id="xss-1", chunk_id="xss-1::0",
                      title=f"Judul {XSS_SCRIPT} [klik](javascript:alert(1)) {XSS_IMG}",
                      text=text, score=0.91, url='https://evil.test/?q=<script>"onmouseover="x',
                      section="<script>alert('section')</script>")
    other = Passage(article_id="xss-2", chunk_id="xss-2::0", title="", text=f"Lain {XSS_SCRIPT}",
                    score=0.5, url="javascript:alert(document.cookie)")
    citation = Citation(article_id="xss-1", title=passage.title, quote=quote, passage=passage,
                        start=text.index(quote), span="9.871 ton", label="[1]")
    return Answer(text=f"9.871 ton {XSS_SCRIPT}", citations=[] if abstained else [citation],
                  passages=[passage, other], abstained=abstained, confidence=0.95,
                  span=f"9.871 ton {XSS_IMG}")


def _assert_no_live_html(out: str, *, markdown: bool = False) -> None:
    """No tag, attribute or link from the article survives; text like `onerror=` may."""
    lowered = out.lower()
    bad = ["<script", "<img", "<b>", "\"onmouseover", "href='javascript", 'href="javascript']
    if markdown:  # Markdown would turn [text](url) into a link
        bad.append("](javascript")
    for b in bad:
        assert b not in lowered, (b, out)


def test_sources_html_escapes_titles_passages_and_urls():
    from qa.chat import sources_html

    answer = _hostile_answer()
    out = sources_html(answer)
    _assert_no_live_html(out)
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in out
    assert "&lt;img src=x onerror=&quot;window.__xss=2&quot;&gt;" in out
    assert "&lt;b&gt;tebal&lt;/b&gt; &amp; selesai" in out
    # the quoted sentence is highlighted, escaped inside the <mark>
    marked = re.findall(r"<mark>(.*?)</mark>", out, flags=re.S)
    assert [html.unescape(m) for m in marked] == [answer.citations[0].quote]
    # an http(s) URL becomes an escaped link; its quote cannot close the attribute
    assert "href='https://evil.test/?q=&lt;script&gt;&quot;onmouseover=&quot;x'" in out


def test_sources_html_escapes_an_abstention_and_drops_non_http_links():
    from qa.chat import sources_html

    out = sources_html(_hostile_answer(abstained=True))
    _assert_no_live_html(out)
    assert "No answer found" in out
    assert "document.cookie" not in out  # a javascript: URL is not shown, let alone linked
    assert "<a " not in out.replace("<a href='https://evil.test/", "")
    assert "&lt;script&gt;" in out


def test_answer_markdown_escapes_html_and_markdown():
    from qa.chat import answer_markdown

    for answer in (_hostile_answer(), _hostile_answer(abstained=True)):
        md = answer_markdown(answer)
        _assert_no_live_html(md, markdown=True)
        assert "&lt;script&gt;" in md
    md = answer_markdown(_hostile_answer())
    assert "**9.871 ton &lt;img src=x onerror=\"window.\\_\\_xss=2\"&gt;**" in md
    assert "Source: [1] Judul" in md


# ---- gradio_client: the web API ------------------------------------------------------------
@pytest.mark.slow
def test_api_chat_answers_with_the_quoted_sentence_and_its_source(kabar_app):
    client = _client(kabar_app.url)
    answer = client.predict(CAMPBELL_Q, api_name="/chat")
    assert isinstance(answer, str)
    assert CAMPBELL_TO_KIM in answer
    assert KIM_TO_CAMPBELL not in answer
    assert SAMPLE_TITLE in answer
    assert "Sources:" in answer

    reverse = client.predict(KIM_Q, api_name="/chat")
    assert KIM_TO_CAMPBELL in reverse
    assert CAMPBELL_TO_KIM not in reverse
    assert SAMPLE_TITLE in reverse

    assert client.predict("   ", api_name="/chat") == "Please ask a question."


@pytest.mark.slow
def test_api_chat_concurrent_clients_get_their_own_answers(kabar_app):
    questions = {CAMPBELL_Q: (CAMPBELL_TO_KIM, KIM_TO_CAMPBELL),
                 KIM_Q: (KIM_TO_CAMPBELL, CAMPBELL_TO_KIM)}
    clients = {q: _client(kabar_app.url) for q in questions}
    start = threading.Barrier(len(questions))
    results: dict[str, list[str]] = {q: [] for q in questions}
    errors: list[BaseException] = []

    def ask(question: str) -> None:
        try:
            start.wait(timeout=30)
            for _ in range(3):
                results[question].append(clients[question].predict(question,
                                                                   api_name="/chat"))
        except BaseException as e:  # reported below, not lost in the thread
            errors.append(e)

    threads = [threading.Thread(target=ask, args=(q,)) for q in questions]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=180)
    assert not errors, errors
    for question, (right, wrong) in questions.items():
        assert len(results[question]) == 3
        for answer in results[question]:
            assert right in answer and wrong not in answer, (question, answer)


# ---- a real browser ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("chromium could not be installed: /usr/bin/chromium is missing "
                    "(apt-get install chromium; .ci/run does it) - browser tests skipped")
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="Playwright's Python package is not installed")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class Page:
    """A Playwright page on the app, recording dialogs and page errors."""

    def __init__(self, page, url: str) -> None:
        self.page, self.url = page, url
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def open(self) -> None:
        self.page.goto(self.url + "/", timeout=60_000)
        self.page.wait_for_selector("#kabar-question textarea", timeout=60_000)

    def tab(self, name: str) -> None:
        self.page.get_by_role("tab", name=name).click()

    def ask(self, question: str) -> None:
        """Type the question, press Ask, wait for the bot's reply to this question."""
        from playwright.sync_api import expect

        page = self.page
        bots = page.locator("#kabar-chat [data-testid=bot]")
        before = bots.count()
        box = page.locator("#kabar-question textarea")
        box.fill(question)
        page.click("#kabar-ask")
        # the question shows as the last user message, then a (non-empty) reply after it
        expect(page.locator("#kabar-chat [data-testid=user]").last).to_contain_text(
            question, timeout=ANSWER_TIMEOUT_MS)
        expect(bots).to_have_count(before + 1, timeout=ANSWER_TIMEOUT_MS)
        expect(bots.last).to_contain_text("Source", timeout=ANSWER_TIMEOUT_MS)
        expect(box).to_have_value("", timeout=ANSWER_TIMEOUT_MS)

    def last_answer(self):
        return self.page.locator("#kabar-chat [data-testid=bot]").last

    def upload(self, *files: Path) -> str:
        """Upload files in the Articles tab, press Add; returns the report once it shows."""
        from playwright.sync_api import expect

        page = self.page
        self.tab("Articles")
        page.locator("#kabar-upload input[type=file]").set_input_files([str(f) for f in files])
        for f in files:  # the preview links to the server's copy once the upload is done
            expect(page.locator(f"#kabar-upload a[data-testid=download-link]"
                                f"[download='{f.name}']")).to_have_attribute(
                "href", re.compile("gradio_api/file="), timeout=60_000)
        page.click("#kabar-add")
        report = page.locator("#kabar-report")
        expect(report).to_contain_text("Added", timeout=ANSWER_TIMEOUT_MS)
        return report.inner_text()

    def screenshot(self, name: str) -> Path:
        OUTPUT.mkdir(exist_ok=True)
        path = OUTPUT / name
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def page(browser, kabar_app, request):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = Page(context.new_page(), kabar_app.url)
    failed_before = request.session.testsfailed
    try:
        yield pg
    finally:
        if request.session.testsfailed != failed_before:  # keep what the browser saw
            OUTPUT.mkdir(exist_ok=True)
            name = re.sub(r"[^\w.-]+", "_", request.node.name)
            try:
                pg.page.screenshot(path=str(OUTPUT / f"failed-{name}.png"), full_page=True)
                (OUTPUT / f"failed-{name}.html").write_text(pg.page.content(), encoding="utf-8")
            except Exception as e:  # the page may be gone; the failure itself matters more
                print(f"could not save the failed page: {e}", file=sys.stderr)
        context.close()


@pytest.mark.slow
def test_browser_chat_shows_the_answer_and_the_highlighted_source(page, kabar_app):
    from playwright.sync_api import expect

    page.open()
    page.ask(CAMPBELL_Q)
    expect(page.last_answer()).to_contain_text(CAMPBELL_TO_KIM)
    expect(page.last_answer()).to_contain_text(SAMPLE_TITLE)
    sources = page.page.locator("#kabar-sources")
    expect(sources).to_contain_text(SAMPLE_TITLE, timeout=ANSWER_TIMEOUT_MS)
    mark = sources.locator("mark")
    expect(mark).to_have_count(1, timeout=ANSWER_TIMEOUT_MS)
    expect(mark).to_contain_text(CAMPBELL_TO_KIM)
    expect(sources).to_contain_text("score")
    page.screenshot("chat-answer.png")

    # a second article, uploaded in the Articles tab while another user searches
    api = _client(kabar_app.url)
    searching = threading.Event()
    searching.set()
    during: list[str] = []
    errors: list[BaseException] = []

    def search_meanwhile() -> None:
        try:
            while searching.is_set():
                during.append(api.predict(CAMPBELL_Q, api_name="/chat"))
        except BaseException as e:
            errors.append(e)

    searcher = threading.Thread(target=search_meanwhile)
    searcher.start()
    try:
        report = page.upload(FESTIVAL)
    finally:
        searching.clear()
        searcher.join(timeout=120)
    assert "Added 1" in report and "failed 0" in report, report
    articles = page.page.locator("#kabar-articles")
    expect(articles).to_contain_text(FESTIVAL_TITLE, timeout=30_000)
    expect(articles).to_contain_text(SAMPLE_TITLE)
    page.screenshot("articles-added.png")
    assert not errors, errors
    assert during and all(CAMPBELL_TO_KIM in a for a in during), during

    page.tab("Chat")
    page.ask(FESTIVAL_Q)
    expect(page.last_answer()).to_contain_text(FESTIVAL_SENTENCE)
    expect(page.last_answer()).to_contain_text("48.213")
    expect(sources.locator("mark")).to_contain_text(FESTIVAL_SENTENCE, timeout=ANSWER_TIMEOUT_MS)
    expect(sources).to_contain_text(FESTIVAL_TITLE)
    # the conversation keeps the first question and answer above the new ones
    expect(page.page.locator("#kabar-chat [data-testid=user]")).to_have_count(2)
    expect(page.page.locator("#kabar-chat [data-testid=bot]").first).to_contain_text(
        CAMPBELL_TO_KIM)
    page.screenshot("chat-uploaded-answer.png")
    assert not page.dialogs and not page.errors, (page.dialogs, page.errors)


@pytest.mark.slow
def test_browser_answer_grows_in_the_page(page):
    """The last assistant message is sampled in the page from the click on: it shows the answer
    in at least two growing steps before the whole of it, as the reply is streamed."""
    from playwright.sync_api import expect

    page.open()
    pg = page.page
    pg.locator("#kabar-question textarea").fill(CAMPBELL_Q)
    # Every 10 ms, record the last bot message's text whenever it changes (in the page itself,
    # so no step is missed between two round trips of the test's own polling).
    pg.evaluate("""() => {
        const bots = () => document.querySelectorAll('#kabar-chat [data-testid=bot]');
        const before = bots().length;
        window.__kabarTexts = [];
        window.__kabarTimer = setInterval(() => {
            const all = bots();
            if (all.length <= before) return;
            const text = all[all.length - 1].innerText.trim();
            const seen = window.__kabarTexts;
            if (seen[seen.length - 1] !== text) seen.push(text);
        }, 10);
    }""")
    pg.click("#kabar-ask")
    # the answer is complete once its sources show with the quoted sentence highlighted
    expect(pg.locator("#kabar-sources mark")).to_contain_text(CAMPBELL_TO_KIM,
                                                              timeout=ANSWER_TIMEOUT_MS)
    expect(page.last_answer()).to_contain_text(SAMPLE_TITLE, timeout=ANSWER_TIMEOUT_MS)
    pg.wait_for_timeout(300)
    texts = pg.evaluate("() => { clearInterval(window.__kabarTimer); return window.__kabarTexts; }")
    final = page.last_answer().inner_text().strip()
    assert texts and texts[-1] == final, texts
    assert CAMPBELL_TO_KIM in final and "Source" in final
    searching = "Searching the articles"
    partial = [t for t in texts[:-1] if t and searching not in t]
    assert len({len(t) for t in partial}) >= 2, texts
    for t in partial:  # pieces of this answer, shorter than the whole
        assert len(t) < len(final) and final.startswith(t), (t, final)
    assert not page.dialogs and not page.errors, (page.dialogs, page.errors)


@pytest.mark.slow
def test_browser_shows_hostile_article_as_text_and_runs_nothing(page):
    from playwright.sync_api import expect

    page.open()
    report = page.upload(XSS)
    assert "Added 1" in report and "failed 0" in report, report
    articles = page.page.locator("#kabar-articles")
    expect(articles).to_contain_text(f"Warga Kota Qorvantis {XSS_SCRIPT}", timeout=30_000)

    page.tab("Chat")
    page.ask(XSS_Q)
    answer, sources = page.last_answer(), page.page.locator("#kabar-sources")
    expect(answer).to_contain_text("9.871 ton")
    expect(answer).to_contain_text(XSS_SCRIPT)  # shown literally, as text
    expect(answer).to_contain_text(XSS_LINK)  # Markdown in an article is not a link either
    expect(sources.locator("mark")).to_contain_text(f"9.871 ton {XSS_SCRIPT}",
                                                    timeout=ANSWER_TIMEOUT_MS)
    expect(sources).to_contain_text(XSS_SCRIPT)
    expect(sources).to_contain_text(XSS_IMG)
    expect(sources.locator(".kabar-title")).to_contain_text(
        f"Warga Kota Qorvantis {XSS_SCRIPT} Rayakan Panen {XSS_IMG}")
    page.page.wait_for_timeout(1500)  # an injected <img> would fail to load and fire onerror
    page.screenshot("xss-as-text.png")

    assert page.page.evaluate("window.__xss") is None
    assert page.page.locator("img[src='x']").count() == 0
    assert page.page.evaluate(
        "[...document.scripts].some(s => s.textContent.includes('__xss'))") is False
    assert page.page.evaluate(
        "[...document.querySelectorAll('[onerror]')].length") == 0
    assert page.page.locator("a[href^='javascript']").count() == 0
    page.page.get_by_text("dinas pertanian").first.click()  # plain text: clicking runs nothing
    page.page.wait_for_timeout(500)
    assert page.page.evaluate("window.__xss") is None
    assert not page.dialogs, page.dialogs
    assert not page.errors, page.errors


@pytest.mark.slow
def test_browser_concurrent_chats_keep_their_own_history(browser, kabar_app):
    from playwright.sync_api import expect

    contexts = [browser.new_context(viewport={"width": 1200, "height": 900}) for _ in range(2)]
    try:
        pages = [Page(c.new_page(), kabar_app.url) for c in contexts]
        for p in pages:
            p.open()
        # both questions are in flight together: click both before waiting for either
        for p, q in zip(pages, (CAMPBELL_Q, KIM_Q)):
            p.page.locator("#kabar-question textarea").fill(q)
        for p in pages:
            p.page.click("#kabar-ask")
        for p, (q, right, wrong) in zip(pages, ((CAMPBELL_Q, CAMPBELL_TO_KIM, KIM_TO_CAMPBELL),
                                                (KIM_Q, KIM_TO_CAMPBELL, CAMPBELL_TO_KIM))):
            bots = p.page.locator("#kabar-chat [data-testid=bot]")
            expect(bots).to_have_count(1, timeout=ANSWER_TIMEOUT_MS)
            expect(bots.last).to_contain_text(right, timeout=ANSWER_TIMEOUT_MS)
            chat = p.page.locator("#kabar-chat")
            expect(chat).not_to_contain_text(wrong)
            users = p.page.locator("#kabar-chat [data-testid=user]")
            expect(users).to_have_count(1)
            expect(users).to_contain_text(q)
        # A follow-up reads its own page's conversation, which Gradio 6 hands over as lists of
        # content parts: asked alone, "And what did Kim say back?" quotes Kim Jong-un's visit.
        pages[0].ask("And what did Kim say back?")
        expect(pages[0].last_answer()).to_contain_text(KIM_TO_CAMPBELL)
    finally:
        for c in contexts:
            c.close()
