"""Checks the Atom feed and every JSON-LD block of the running site.

    check_feeds_and_json_ld.py BASE_URL

- The Atom feed (/changes.atom) is read by feedparser, which must report no error; every
  id (the feed's and each entry's) must be an IRI (RFC 3987) without spaces, and unique.
- Every page in /sitemap.xml that is HTML is fetched; each <script type="application/ld+json">
  block must parse as JSON and expand as JSON-LD (PyLD) to at least one node with a type.
  schema.org's context is served locally (the run has no network): every term maps into
  https://schema.org/, which is what the real context does for the terms we use.

Prints one line per failure and a last line "feeds and JSON-LD: N checked, M failed";
exits 1 when anything failed.
"""

import json
import sys
import urllib.request
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import feedparser
import rfc3987
from pyld import jsonld

BASE = sys.argv[1].rstrip("/")
failures = []
checked = 0


def get(path):
    with urllib.request.urlopen(BASE + path, timeout=30) as response:
        return response.headers.get_content_type(), response.read()


def check_feed(path):
    global checked
    checked += 1
    _, body = get(path)
    feed = feedparser.parse(body)
    if feed.bozo:
        failures.append(f"{path}: feedparser: {feed.bozo_exception}")
    ids = [feed.feed.get("id")] + [entry.get("id") for entry in feed.entries]
    if not feed.entries:
        failures.append(f"{path}: no entries")
    for entry_id in ids:
        if not entry_id or " " in entry_id or rfc3987.match(entry_id, rule="IRI") is None:
            failures.append(f"{path}: id {entry_id!r} is not an IRI")
    if len(set(ids)) != len(ids):
        failures.append(f"{path}: ids repeat")


class JsonLdBlocks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.blocks = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        if tag == "script" and dict(attrs).get("type") == "application/ld+json":
            self._inside = True
            self.blocks.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.blocks[-1] += data


SCHEMA_ORG = {"@context": {"@vocab": "https://schema.org/"}}


def local_loader(url, options=None):
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contentType": "application/ld+json", "contextUrl": None,
                "documentUrl": url, "document": SCHEMA_ORG}
    raise jsonld.JsonLdError(f"no network: {url}", "loading document failed")


jsonld.set_document_loader(local_loader)


def check_json_ld(path):
    global checked
    kind, body = get(path)
    if kind != "text/html":
        return
    parser = JsonLdBlocks()
    parser.feed(body.decode("utf-8"))
    for block in parser.blocks:
        checked += 1
        try:
            document = json.loads(block)
            expanded = jsonld.expand(document)
        except Exception as error:  # any failure to parse or expand is the finding
            failures.append(f"{path}: JSON-LD does not parse: {error}")
            continue
        if not expanded or not all("@type" in node for node in expanded):
            failures.append(f"{path}: JSON-LD expands to no typed node")


check_feed("/changes.atom")
_, sitemap = get("/sitemap.xml")
namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
for loc in ET.fromstring(sitemap).iterfind("s:url/s:loc", namespace):
    check_json_ld(loc.text[len(BASE):] if loc.text.startswith(BASE) else loc.text)

for failure in failures:
    print("FAIL", failure)
print(f"feeds and JSON-LD: {checked} checked, {len(failures)} failed")
sys.exit(1 if failures else 0)
