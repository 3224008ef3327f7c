"""The HTTP API beside the page (qa/api.py, served by app.py), through real clients.

One app server for the module: `python app.py` in a subprocess over a temporary embedded store
holding the sample article, started with KABAR_API_KEY set (so every request here sends the key,
and one test checks that a request without it is refused) and without KABAR_ALLOW_PRIVATE_URLS.
Clients: the `openai` package, httpx, gradio_client; a local http.server checks that web
ingestion sends nothing to this machine. All traffic stays on 127.0.0.1.
"""

from __future__ import annotations

import http.server as http_server
import json
import secrets
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from conftest import DATA, ROOT, print_server_log_on_failure, serving_the_sample, server_env

FESTIVAL = DATA / "festival-article.txt"
SAMPLE_TITLE = "Putin Akan Temui Kim Jong Un"
CAMPBELL_Q = "What did Campbell tell Kim Hong-kyun?"
CAMPBELL_TO_KIM = "Kurt Campbell, mengatakan kepada mitranya dari Korsel, Kim Hong-kyun"
KIM_TO_CAMPBELL = "Kim Hong-kyun, mengatakan kepada Campbell"
FOLLOWUP_Q = "And what did Kim say back?"
FESTIVAL_Q = "How many visitors attended the Zambrela kite festival?"
FESTIVAL_SENTENCE = "Festival Layang-Layang Zambrela tahun ini dihadiri 48.213 pengunjung"
PASTED_TITLE = "Panen Garam Lompora Capai Rekor"
PASTED_TEXT = ("Petani garam di Desa Lompora memanen 7.345 ton garam sepanjang musim kemarau "
               "tahun ini, kata Kepala Desa Lompora, Ratna Sembiring, pada hari Senin. "
               "Hasil itu menjadi yang tertinggi dalam sepuluh tahun terakhir. "
               "Sebagian besar garam dijual ke pabrik pengolahan ikan di Makassar.")
PASTED_Q = "How many tons of salt did the farmers in Lompora harvest?"
API_KEY = "kabar-test-" + secrets.token_hex(8)
ANSWER_KEYS = {"answer", "abstained", "confidence", "span", "question", "mode", "citations",
               "passages", "dropped_citations"}
ARTICLE_KEYS = {"article_id", "title", "source", "url", "published", "n_chunks", "ingested_at"}


@pytest.fixture(scope="module")
def api_app(tmp_path_factory, model):
    """`python app.py` with KABAR_API_KEY over a store holding the sample article."""
    with serving_the_sample(tmp_path_factory.mktemp("kabar-api"), model, "apitest",
                            KABAR_API_KEY=API_KEY) as server:
        yield server


@pytest.fixture(autouse=True)
def _server_log_on_failure(request):
    """Print the app server's log after a test that used it and failed."""
    yield from print_server_log_on_failure(request, "api_app")


@pytest.fixture(scope="module")
def http(api_app):
    """An httpx client on the server that sends the API key (and never a proxy)."""
    import httpx

    with httpx.Client(base_url=api_app.url, trust_env=False, timeout=120,
                      headers={"Authorization": f"Bearer {API_KEY}"}) as client:
        yield client


@pytest.fixture(scope="module")
def openai_client(api_app):
    import httpx
    from openai import OpenAI

    client = OpenAI(base_url=api_app.url + "/v1", api_key=API_KEY, max_retries=0, timeout=120,
                    http_client=httpx.Client(trust_env=False, timeout=120))
    yield client
    client.close()


def _ask(http, question: str, **body) -> dict:
    r = http.post("/api/ask", json={"question": question, **body})
    assert r.status_code == 200, r.text
    answer = r.json()
    assert set(answer) == ANSWER_KEYS, answer
    return answer


def _sse_events(http, body: dict) -> list[tuple[str, dict]]:
    events, event, data = [], None, []
    with http.stream("POST", "/api/ask", json=body) as r:
        assert r.status_code == 200, r.read()
        assert r.headers["content-type"].startswith("text/event-stream")
        for line in r.iter_lines():
            if line.startswith("event:"):
                event = line.partition(":")[2].strip()
            elif line.startswith("data:"):
                data.append(line.partition(":")[2].strip())
            elif not line and event is not None:
                events.append((event, json.loads("\n".join(data))))
                event, data = None, []
    if event is not None:
        events.append((event, json.loads("\n".join(data))))
    return events


def _articles(http, **params) -> list[dict]:
    r = http.get("/api/articles", params=params)
    assert r.status_code == 200, r.text
    articles = r.json()["articles"]
    for a in articles:
        assert set(a) == ARTICLE_KEYS, a
    return articles


def _is_error(r, status: int) -> str:
    assert r.status_code == status, (r.status_code, r.text)
    body = r.json()
    assert set(body) == {"error"}, body
    message = body["error"]
    if r.request.url.path.startswith("/v1/"):  # OpenAI's shape: {"error": {"message", ...}}
        assert message["code"] == status, body
        message = message["message"]
    assert isinstance(message, str) and len(message.split()) >= 3, message  # a sentence
    return message


# ---- the OpenAI-compatible API, through the openai package ---------------------------------
@pytest.mark.slow
def test_openai_models_and_a_completion_with_citations(openai_client):
    assert "kabar" in [m.id for m in openai_client.models.list()]

    completion = openai_client.chat.completions.create(
        model="kabar", messages=[{"role": "user", "content": CAMPBELL_Q}])
    content = completion.choices[0].message.content
    assert completion.choices[0].message.role == "assistant"
    assert CAMPBELL_TO_KIM in content and KIM_TO_CAMPBELL not in content
    assert SAMPLE_TITLE in content  # the sources are in the message
    kabar = completion.model_extra["kabar"]
    assert set(kabar) == ANSWER_KEYS
    assert not kabar["abstained"] and kabar["citations"]
    for c in kabar["citations"]:
        assert c["chunk_id"].startswith(c["article_id"] + "::"), c
    assert any(CAMPBELL_TO_KIM in c["quote"] for c in kabar["citations"])
    assert content.startswith(kabar["answer"])


@pytest.mark.slow
def test_openai_stream_equals_the_completion(openai_client):
    messages = [{"role": "user", "content": CAMPBELL_Q}]
    whole = openai_client.chat.completions.create(model="kabar", messages=messages)
    pieces, extras, finish = [], [], []
    for chunk in openai_client.chat.completions.create(model="kabar", messages=messages,
                                                        stream=True):
        assert chunk.model == "kabar" and chunk.object == "chat.completion.chunk"
        delta = chunk.choices[0].delta
        if delta.content:
            pieces.append(delta.content)
        if chunk.choices[0].finish_reason:
            finish.append(chunk.choices[0].finish_reason)
        if (chunk.model_extra or {}).get("kabar") is not None:
            extras.append(chunk.model_extra["kabar"])
    assert len(pieces) > 2, pieces
    assert "".join(pieces) == whole.choices[0].message.content
    assert finish == ["stop"]
    assert len(extras) == 1, extras  # the last chunk carries the answer JSON
    assert extras[0]["answer"] == whole.model_extra["kabar"]["answer"]
    assert extras[0]["citations"] == whole.model_extra["kabar"]["citations"]


@pytest.mark.slow
def test_openai_follow_up_uses_the_conversation(openai_client):
    first = openai_client.chat.completions.create(
        model="kabar", messages=[{"role": "user", "content": CAMPBELL_Q}])
    messages = [{"role": "system", "content": "You answer from news articles."},
                {"role": "user", "content": CAMPBELL_Q},
                {"role": "assistant", "content": first.choices[0].message.content},
                {"role": "user", "content": FOLLOWUP_Q}]
    second = openai_client.chat.completions.create(model="kabar", messages=messages)
    content = second.choices[0].message.content
    assert KIM_TO_CAMPBELL in content and CAMPBELL_TO_KIM not in content, content
    assert "Campbell" in second.model_extra["kabar"]["question"]  # resolved with the history
    # the same words alone do not know whom Kim answered
    alone = openai_client.chat.completions.create(
        model="kabar", messages=[{"role": "user", "content": FOLLOWUP_Q}])
    assert alone.model_extra["kabar"]["question"] == FOLLOWUP_Q


@pytest.mark.slow
def test_openai_errors(api_app, openai_client):
    import httpx
    import openai
    from openai import OpenAI

    with pytest.raises(openai.BadRequestError) as e:
        openai_client.chat.completions.create(
            model="kabar", messages=[{"role": "assistant", "content": "hello"}])
    # OpenAI's error shape, so the client shows the sentence itself
    assert "user message" in e.value.response.json()["error"]["message"]
    assert "user message" in e.value.message
    wrong = OpenAI(base_url=api_app.url + "/v1", api_key="not-the-key", max_retries=0,
                   http_client=httpx.Client(trust_env=False, timeout=60))
    with pytest.raises(openai.AuthenticationError):
        wrong.models.list()
    with pytest.raises(openai.AuthenticationError):
        wrong.chat.completions.create(model="kabar", messages=[{"role": "user",
                                                                 "content": CAMPBELL_Q}])


# ---- the JSON API, through httpx ------------------------------------------------------------
@pytest.mark.slow
def test_api_ask_equals_the_cli(api_app, http):
    answer = _ask(http, CAMPBELL_Q)
    assert CAMPBELL_TO_KIM in answer["answer"] and not answer["abstained"]

    env = server_env(api_app.store.parent)
    cli = subprocess.run(
        [sys.executable, "-m", "qa.cli", "ask", "--store", str(api_app.store), "--collection",
         api_app.collection, "--json", CAMPBELL_Q],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert cli.returncode == 0, cli.stderr
    printed = json.loads(cli.stdout)  # stdout holds the JSON only
    for key in ("answer", "abstained", "citations", "span", "question", "mode"):
        assert answer[key] == printed[key], key
    assert [p["chunk_id"] for p in answer["passages"]] == \
        [p["chunk_id"] for p in printed["passages"]]


@pytest.mark.slow
def test_api_ask_stream_sends_deltas_then_the_answer(http):
    whole = _ask(http, CAMPBELL_Q)
    events = _sse_events(http, {"question": CAMPBELL_Q, "stream": True})
    names = [e for e, _ in events]
    assert names.count("answer") == 1 and names[-1] == "answer", names
    assert "error" not in names
    deltas = [d["text"] for e, d in events if e == "delta"]
    assert len(deltas) > 2 and names[:len(deltas)] == ["delta"] * len(deltas), names
    assert "".join(deltas) == whole["answer"]
    assert events[-1][1] == whole

    # a bad request fails with a status before any event is sent
    _is_error(http.post("/api/ask", json={"question": " ", "stream": True}), 400)


@pytest.mark.slow
def test_api_search(http):
    r = http.post("/api/search", json={"query": CAMPBELL_Q, "k": 3})
    assert r.status_code == 200, r.text
    passages = r.json()["passages"]
    assert len(passages) == 3
    for p in passages:
        assert set(p) == {"article_id", "chunk_id", "title", "text", "score", "url", "source"}
        assert p["title"].startswith(SAMPLE_TITLE)
        assert p["chunk_id"].startswith(p["article_id"] + "::")
    assert any(CAMPBELL_TO_KIM in p["text"] for p in passages)
    assert [p["score"] for p in passages] == sorted((p["score"] for p in passages), reverse=True)
    _is_error(http.post("/api/search", json={"query": ""}), 400)


@pytest.mark.slow
def test_api_upload_ask_delete(http):
    before = {a["article_id"] for a in _articles(http)}
    r = http.post("/api/articles",
                  files=[("files", ("festival-article.txt", FESTIVAL.read_bytes(), "text/plain"))])
    assert r.status_code == 200, r.text
    summary = r.json()
    assert summary["added"] == 1 and summary["failed"] == [], summary
    assert summary["chunks"] >= 1 and summary["store_chunks"] > summary["chunks"]

    articles = _articles(http)
    new = [a for a in articles if a["article_id"] not in before]
    assert len(new) == 1, articles
    festival = new[0]
    assert festival["source"] == "festival-article.txt", festival  # not the server's path
    assert festival["n_chunks"] >= 1 and festival["title"]

    answer = _ask(http, FESTIVAL_Q)
    assert "48.213" in answer["answer"] and not answer["abstained"], answer
    assert festival["article_id"] in {c["article_id"] for c in answer["citations"]}
    assert any(FESTIVAL_SENTENCE in c["quote"] for c in answer["citations"])

    r = http.delete(f"/api/articles/{festival['article_id']}")
    assert r.status_code == 200, r.text
    assert r.json() == {"deleted": festival["article_id"], "chunks": festival["n_chunks"]}
    assert festival["article_id"] not in {a["article_id"] for a in _articles(http)}
    after = _ask(http, FESTIVAL_Q)
    assert festival["article_id"] not in {c["article_id"] for c in after["citations"]}
    assert festival["article_id"] not in {p["article_id"] for p in after["passages"]}
    assert "48.213" not in after["answer"]
    # deleting it again: no such article
    _is_error(http.delete(f"/api/articles/{festival['article_id']}"), 404)


@pytest.mark.slow
def test_api_ingests_pasted_texts(http):
    r = http.post("/api/articles", json={"texts": [{"title": PASTED_TITLE, "text": PASTED_TEXT}]})
    assert r.status_code == 200, r.text
    summary = r.json()
    assert summary["added"] == 1 and summary["failed"] == [], summary
    pasted = [a for a in _articles(http) if a["title"] == PASTED_TITLE]
    assert len(pasted) == 1, _articles(http)
    assert "/" not in (pasted[0]["source"] or ""), pasted[0]
    answer = _ask(http, PASTED_Q)
    assert "7.345 ton" in answer["answer"], answer
    assert pasted[0]["article_id"] in {c["article_id"] for c in answer["citations"]}
    # the same text again is unchanged, not a second article
    again = http.post("/api/articles", json={"texts": [{"title": PASTED_TITLE,
                                                        "text": PASTED_TEXT}]}).json()
    assert again["added"] == 0 and again["unchanged"] == 1, again
    assert http.delete(f"/api/articles/{pasted[0]['article_id']}").status_code == 200


@pytest.mark.slow
def test_api_bad_requests_are_sentences(http):
    assert "empty" in _is_error(http.post("/api/ask", json={"question": ""}), 400).lower()
    assert "k" in _is_error(http.post("/api/ask", json={"question": CAMPBELL_Q, "k": 0}), 400)
    _is_error(http.post("/api/ask", json={"question": CAMPBELL_Q, "k": 21}), 400)
    _is_error(http.post("/api/ask", json={"question": CAMPBELL_Q,
                                          "history": [{"role": "robot", "content": "x"}]}), 400)
    # A filter Chroma rejects names the filter and its syntax, on both routes...
    for path, key in (("/api/ask", "question"), ("/api/search", "query")):
        for where in ({"$bad": 1}, {"published": {"$gte": "abc"}}):
            said = _is_error(http.post(path, json={key: CAMPBELL_Q, "where": where}), 400)
            assert said.startswith("The where filter is not valid") and "$gte" in said, said
    # ...and a bad k beside a good filter is still about k, not the filter.
    said = _is_error(http.post("/api/ask", json={"question": CAMPBELL_Q, "k": 0,
                                                 "where": {"article_id": "x"}}), 400)
    assert said.startswith("k must be"), said
    _is_error(http.post("/api/articles", json={"urls": [], "texts": []}), 400)
    _is_error(http.post("/api/articles", content=b"not json",
                        headers={"content-type": "application/json"}), 400)


@pytest.mark.slow
def test_api_malformed_body_is_an_error_sentence(http):
    """A body without its question, or with a field of the wrong type, says so as
    {"error": sentence}, like every other failure."""
    for path, body in (("/api/ask", {}), ("/api/ask", {"question": CAMPBELL_Q, "k": "five"}),
                       ("/api/search", {"k": 3})):
        r = http.post(path, json=body)
        assert r.status_code == 400, (path, body, r.status_code, r.text)
        _is_error(r, 400)


@pytest.mark.slow
def test_api_unknown_collection_is_404_and_not_created(api_app, http):
    import chromadb

    typo = api_app.collection + "-typo"
    for _ in range(2):  # the first request must not have created it
        assert "No such collection" in _is_error(
            http.get("/api/articles", params={"collection": typo}), 404)
        assert "No such collection" in _is_error(
            http.post("/api/ask", json={"question": CAMPBELL_Q, "collection": typo}), 404)
        _is_error(http.post("/api/search", json={"query": CAMPBELL_Q, "collection": typo}), 404)
        _is_error(http.post("/api/ask", json={"question": CAMPBELL_Q, "collection": typo,
                                              "stream": True}), 404)
        _is_error(http.delete("/api/articles/whatever", params={"collection": typo}), 404)
    names = [c.name for c in chromadb.PersistentClient(path=str(api_app.store)).list_collections()]
    assert typo not in names and api_app.collection in names, names


@pytest.mark.slow
def test_api_needs_the_key(api_app, http):
    import httpx

    with httpx.Client(base_url=api_app.url, trust_env=False, timeout=60) as anonymous:
        for method, path, body in (("GET", "/api/articles", None),
                                   ("POST", "/api/ask", {"question": CAMPBELL_Q}),
                                   ("POST", "/api/search", {"query": CAMPBELL_Q}),
                                   ("DELETE", "/api/articles/x", None),
                                   ("GET", "/v1/models", None),
                                   ("POST", "/v1/chat/completions",
                                    {"model": "kabar",
                                     "messages": [{"role": "user", "content": CAMPBELL_Q}]})):
            r = anonymous.request(method, path, json=body)
            assert "credentials" in _is_error(r, 401), (method, path)
            r = anonymous.request(method, path, json=body,
                                  headers={"Authorization": "Bearer wrong-" + API_KEY})
            _is_error(r, 401)
        # with the key
        r = anonymous.get("/api/articles", headers={"Authorization": f"Bearer {API_KEY}"})
        assert r.status_code == 200 and r.json()["articles"], r.text
    assert http.get("/v1/models").status_code == 200
    # The page and its own API (gradio_client) are guarded by the same key, as a login's
    # password: without it the page's API answers nothing.
    from gradio_client import Client

    with pytest.raises(Exception):
        Client(api_app.url, verbose=False).predict(CAMPBELL_Q, api_name="/chat")
    with pytest.raises(Exception):
        Client(api_app.url, verbose=False, auth=("anyone", "wrong-" + API_KEY))
    said = _gradio(api_app.url).predict(CAMPBELL_Q, api_name="/chat")
    assert CAMPBELL_TO_KIM in said


@pytest.mark.slow
def test_docs_and_openapi(api_app):
    import httpx

    with httpx.Client(base_url=api_app.url, trust_env=False, timeout=60) as client:
        docs = client.get("/docs")
        assert docs.status_code == 200 and "text/html" in docs.headers["content-type"]
        assert "swagger" in docs.text.lower()
        spec = client.get("/openapi.json")
        assert spec.status_code == 200
        paths = spec.json()["paths"]
    for path in ("/api/ask", "/api/search", "/api/articles", "/api/articles/{article_id}",
                 "/v1/models", "/v1/chat/completions"):
        assert path in paths, sorted(paths)


# ---- web ingestion does not fetch this machine (SSRF) ---------------------------------------
class _Counting(http_server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 - http.server's name
        self.hits.append(self.path)
        body = (b"<html><head><title>Rahasia Internal</title></head><body><p>"
                + b"Dokumen internal yang tidak boleh dibaca dari luar. " * 20
                + b"</p></body></html>")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_site():
    server = http_server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    _Counting.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], _Counting.hits
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.mark.slow
def test_api_refuses_urls_on_this_machine(http, local_site):
    port, hits = local_site
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(f"http://127.0.0.1:{port}/probe", timeout=10) as r:  # it is listening
        assert r.status == 200
    assert hits == ["/probe"]
    hits.clear()

    urls = [f"http://127.0.0.1:{port}/x.html", f"http://localhost:{port}/y.html"]
    before = _articles(http)
    r = http.post("/api/articles", json={"urls": urls})
    assert r.status_code == 200, r.text
    summary = r.json()
    assert summary["added"] == 0 and summary["chunks"] == 0, summary
    failed = {f["source"]: f["error"] for f in summary["failed"]}
    assert set(failed) == set(urls), summary
    for url, error in failed.items():
        assert "refused" in error.lower() and "KABAR_ALLOW_PRIVATE_URLS" in error, (url, error)
    time.sleep(0.5)
    assert hits == [], hits  # not a single request reached the local server
    assert _articles(http) == before


# ---- the page's API, through gradio_client --------------------------------------------------
def _gradio(url: str):
    """A gradio_client logged in with the key (any user name; the key is the password)."""
    from gradio_client import Client

    return Client(url, verbose=False, auth=("kabar", API_KEY))


@pytest.mark.slow
def test_gradio_ask_returns_the_api_json(api_app, http):
    client = _gradio(api_app.url)
    result = client.predict(CAMPBELL_Q, [], 5, "", api_name="/ask")
    expected = _ask(http, CAMPBELL_Q, k=5)
    assert isinstance(result, dict) and set(result) == ANSWER_KEYS, result
    assert result["answer"] == expected["answer"]
    assert result["citations"] == expected["citations"]
    assert CAMPBELL_TO_KIM in result["answer"]
    missing = client.predict(CAMPBELL_Q, [], 5, api_app.collection + "-typo", api_name="/ask")
    assert set(missing) == {"error"} and "No such collection" in missing["error"]


@pytest.mark.slow
def test_gradio_chat_streams_growing_text(api_app):
    client = _gradio(api_app.url)
    final = client.predict(CAMPBELL_Q, api_name="/chat")
    assert CAMPBELL_TO_KIM in final and SAMPLE_TITLE in final

    job = client.submit(CAMPBELL_Q, api_name="/chat")
    result = job.result(timeout=120)
    outputs = job.outputs()
    assert result == final and outputs[-1] == final
    partial = [o for o in outputs[:-1] if o]
    assert len({len(o) for o in partial}) >= 2, outputs
    lengths = [len(o) for o in partial]
    assert lengths == sorted(lengths) and lengths[-1] < len(final), lengths
    for o in partial:
        assert final.startswith(o), (o, final)
