"""Flood a running Byline with spam, abuse and real comments over loopback, and count what the
moderation pipeline did with them without a human.

    python -m bench.spam_flood [--readers 30] [--bots 6]

It starts gunicorn on a free loopback port with a fresh SQLite database (and Redis db 4 for
the rate limits when Redis answers, so every worker shares them), seeds one article, teaches
the spam classifier the first 40 spam and 40 ham comments of the labelled set (standing in
for moderators' past decisions), then sends a bounded mix through the real comment form
behind one trusted proxy (X-Forwarded-For carries each client's address):

- readers: real comments from people on different networks, who read the form for a few
  seconds before posting, some of them with links or words a moderator should see;
- bots: fast posters, honeypot fillers, link droppers to blocked domains, repeaters, a patient
  spammer flooding from one range, spam phrased to dodge the word lists, and abusers.

It prints how many of each were published, held or refused and why, and checks that no real
comment was lost (each is published or waits for a moderator). The server stops at the end.
"""

from __future__ import annotations

import argparse
import html as html_module
import http.cookiejar
import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from bench.harness import ROOT, free_port, wait_until_answering

RESULTS = ROOT / "bench" / "results" / "spam_flood.json"
MIN_FILL_SECONDS = 2
BANNED = ["grotnik", "scumbucket", "halfwit", "toerag*"]
BLOCKED = ["cheap-meds.example", "winbig.example"]
INSULTS = ["You absolute grotnik, nobody asked.", "Only a scumbucket writes this.", "What a halfwit take.", "Toerags, the lot of you."]  # fmt: skip
SPAM_TEMPLATES = [
    "Earn $${n}00 a day from home, click here http://cash-{n}.top/start",
    "Best casino bonus {n}00% free spins, join now at luckyslots{n}.vip",
    "Cheap pills online pharmacy, fast delivery www.pills{n}.biz",
    "Crypto giveaway!!! Send 0.1 BTC, get 1 back, guaranteed profit",
    "Hot singles near you want to chat tonight, visit dating{n}.xyz",
]


@dataclass
class Attempt:
    kind: str
    marker: str
    http_status: int = 0
    message: str = ""


@dataclass
class Client:
    address: str
    jar: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)

    def __post_init__(self) -> None:
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirects()
        )

    def get(self, url: str) -> str:
        request = urllib.request.Request(url, headers={"X-Forwarded-For": self.address})
        with self.opener.open(request, timeout=20) as response:
            return response.read().decode()

    def post(self, url: str, data: dict[str, str]) -> tuple[int, str]:
        request = urllib.request.Request(
            url, data=urllib.parse.urlencode(data).encode(), method="POST",
            headers={"X-Forwarded-For": self.address, "Referer": url},
        )  # fmt: skip
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def form_fields(html: str) -> dict[str, str]:
    """The hidden fields a browser would send back: the CSRF token and the form's timestamp."""
    form = html[html.index('id="respond"') :]
    fields = {}
    for name in ("csrfmiddlewaretoken", "started"):
        found = re.search(rf'name="{name}" value="([^"]*)"', form) or re.search(
            rf'value="([^"]*)" name="{name}"', form
        )
        fields[name] = found.group(1) if found else ""
    return fields


def refusal_of(html: str) -> str:
    found = re.search(r'class="form-errors" role="alert">\s*<p>(.*?)</p>', html, re.S)
    return html_module.unescape(re.sub(r"\s+", " ", found.group(1)).strip()) if found else ""


def submit(base: str, article: dict, attempt: Attempt, client: Client, body: str, *, wait: float, honeypot: str = "", name: str = "") -> Attempt:  # fmt: skip
    page_url = base + article["url"]
    fields = form_fields(client.get(page_url))
    if not fields["started"]:
        # A page from the cache holds no timestamp: fetch one as the discussion script does.
        fields["started"] = client.get(f"{base}/comments/started/").strip()
    time.sleep(wait)
    status, html = client.post(
        f"{base}/comments/on/{article['id']}/post/",
        {
            **fields, "website": honeypot, "name": name or f"Reader {attempt.marker}",
            "email": f"{attempt.marker}@example.org", "body": body,
        },
    )  # fmt: skip
    attempt.http_status, attempt.message = status, refusal_of(html) if status != 302 else ""
    return attempt


def plan(readers: int, bots: int, rng: random.Random, run: int):
    """Every attempt to make: (kind, client address, body, wait, honeypot).

    ``run`` picks fresh address ranges, so counts a shared Redis kept from an earlier run
    (rate limits last ten minutes) do not carry over.
    """
    from byline.discussion.tests.spam_corpus import HAM, SPAM

    jobs = []
    for n in range(readers):
        address = f"10.{run}.{n}.{rng.randint(1, 254)}"
        for k in range(2):
            body = HAM[40 + (n * 2 + k) % 10] if (n + k) % 5 == 0 else rng.choice(HAM[:40])
            if n % 10 == 3 and k == 1:
                body += " Sources: a.org/1, b.org/2 and c.org/3."  # many links: held
            if n % 10 == 7 and k == 1:
                body = "I work from home and still read every word of this story."  # suspect
            jobs.append(
                ("reader", address, f"{body} ({n}.{k})", MIN_FILL_SECONDS + rng.random(), "")
            )
    for b in range(bots):
        subnet = f"172.{16 + run % 16}.{b * 16 + run // 16}"
        spam = SPAM[40:] + [t.format(n=b * 10 + i) for t in SPAM_TEMPLATES for i in range(2)]
        for i in range(8):
            jobs.append(("bot: posts instantly", f"{subnet}.{i + 1}", rng.choice(spam), 0.0, ""))
            jobs.append(
                (
                    "bot: fills the honeypot",
                    f"{subnet}.{i + 20}",
                    rng.choice(spam),
                    MIN_FILL_SECONDS + 0.2,
                    "http://spam.example",
                )
            )
            jobs.append(
                (
                    "bot: blocked domain",
                    f"{subnet}.{i + 40}",
                    f"Deals at https://www.{BLOCKED[i % 2]}/now",
                    MIN_FILL_SECONDS + 0.2,
                    "",
                )
            )
            jobs.append(
                (
                    "bot: repeats itself",
                    f"{subnet}.60",
                    "Great article, thanks for sharing!",
                    MIN_FILL_SECONDS + 0.2,
                    "",
                )
            )
        for i in range(30):
            jobs.append(
                (
                    "bot: patient flood from one range",
                    f"{subnet}.{100 + i}",
                    f"{rng.choice(spam)} #{i}",
                    MIN_FILL_SECONDS + 0.2,
                    "",
                )
            )
        for i in range(4):
            jobs.append(
                ("abuse: insults", f"{subnet}.{200 + i}", INSULTS[i], MIN_FILL_SECONDS + 0.2, "")
            )
    return jobs  # fmt: skip


def prepare(env: dict[str, str]) -> dict:
    """Migrate, seed one article and teach the classifier; return the article's id and path."""
    script = (
        "import json\n"
        "from byline.newsroom.tests.factories import ArticlePageFactory\n"
        "from byline.discussion.models import Thread\n"
        "from byline.discussion.moderation import classifier\n"
        "from byline.discussion.tests.spam_corpus import HAM, SPAM\n"
        "page = ArticlePageFactory(title='Is the reunion tour really happening?')\n"
        "Thread.objects.for_page(page)\n"
        "classifier.learn([(classifier.tokens(t), 'ham') for t in HAM[:40]] + [(classifier.tokens(t), 'spam') for t in SPAM[:40]])\n"
        "print(json.dumps({'id': page.pk, 'url': page.url}))\n"
    )
    manage = [sys.executable, "manage.py"]
    subprocess.run(
        [*manage, "migrate", "--no-input"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    output = subprocess.run([*manage, "shell", "--no-imports", "-c", script], cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout  # fmt: skip
    return json.loads(output.strip().splitlines()[-1])


def outcomes(env: dict[str, str]) -> dict[str, str]:
    """Each posted comment's status, keyed by the marker in its author's name."""
    script = (
        "import json, re\n"
        "from byline.discussion.models import Comment\n"
        "rows = Comment.objects.values_list('guest_name', 'status', 'moderation_rule')\n"
        "print(json.dumps({m.group(1): [s, r] for n, s, r in rows if (m := re.search(r' (f\\d+)$', n))}))\n"
    )
    output = subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c", script], cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout  # fmt: skip
    return json.loads(output.strip().splitlines()[-1])


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readers", type=int, default=30)
    parser.add_argument("--bots", type=int, default=6)
    parser.add_argument("--concurrency", type=int, default=24)
    args = parser.parse_args()
    rng = random.Random(2026)

    with tempfile.TemporaryDirectory(prefix="byline-flood-") as folder:
        (Path(folder) / "static").mkdir()
        banned = Path(folder) / "banned.txt"
        banned.write_text("\n".join(BANNED))
        shared_cache = redis_answers()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "byline.settings.dev",
            "DEBUG": "false",
            "BYLINE_DATA_DIR": folder,
            "DATABASE_URL": f"sqlite:///{folder}/flood.sqlite3",
            "LOG_LEVEL": "WARNING",
            "DISCUSSION_TRUSTED_PROXIES": "1",
            "DISCUSSION_MIN_FILL_SECONDS": str(MIN_FILL_SECONDS),
            "DISCUSSION_BANNED_WORDS_FILE": str(banned),
            "DISCUSSION_BLOCKED_DOMAINS": ",".join(BLOCKED),
            "DISCUSSION_DIGEST_HOURS": "0",
        }
        if shared_cache:
            env["REDIS_URL"] = "redis://127.0.0.1:6379/4"
        env.pop("DATABASE_URL_OVERRIDE", None)
        article = prepare(env)
        port = free_port()
        workers = "3" if shared_cache else "1"
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "byline.wsgi", "--workers", workers, "--threads", "4",
             "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
            cwd=ROOT, env=env,
        )  # fmt: skip
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_answering(base + "/healthz")
            jobs = plan(args.readers, args.bots, rng, run=int(time.time() // 60) % 256)
            rng.shuffle(jobs)
            started = time.monotonic()
            with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
                attempts = list(pool.map(lambda job: run_job(base, article, job), enumerate(jobs)))
            elapsed = time.monotonic() - started
            statuses = outcomes(env)
        finally:
            server.terminate()
            server.wait(timeout=30)
    report(attempts, statuses, elapsed, workers, shared_cache)


def run_job(base, article, indexed_job):
    index, (kind, address, body, wait, honeypot) = indexed_job
    attempt = Attempt(kind=kind, marker=f"f{index}")
    # Every attempt is a new visitor; the repeating bot is known by its address.
    client = Client(address)
    return submit(base, article, attempt, client, body, wait=wait, honeypot=honeypot)


def report(
    attempts: list[Attempt], statuses: dict, elapsed: float, workers: str, shared_cache: bool
) -> None:
    table: dict[str, Counter] = defaultdict(Counter)
    reasons: dict[str, Counter] = defaultdict(Counter)
    lost = []
    for attempt in attempts:
        status, rule = statuses.get(attempt.marker, ("refused", ""))
        outcome = {"published": "published", "pending": "held", "shadowed": "held"}.get(
            status, "refused"
        )
        table[attempt.kind][outcome] += 1
        if outcome == "refused":
            reasons[attempt.kind][attempt.message[:70] or f"HTTP {attempt.http_status}"] += 1
        elif outcome == "held":
            reasons[attempt.kind][f"held: {rule}"] += 1
        if attempt.kind == "reader" and outcome == "refused":
            lost.append(attempt)
    print(
        f"Spam flood: {len(attempts)} posts in {elapsed:.1f} s over loopback, gunicorn x{workers},"
        f" rate limits in {'Redis' if shared_cache else 'local memory'}"
    )
    print(f"  {'':36} {'sent':>6} {'published':>10} {'held':>6} {'refused':>8}")
    for kind in sorted(table, key=lambda k: (k != "reader", k)):
        row = table[kind]
        print(
            f"  {kind:36} {sum(row.values()):>6} {row['published']:>10} {row['held']:>6} {row['refused']:>8}"
        )
    unwanted = [a for a in attempts if a.kind != "reader"]
    stopped = sum(1 for a in unwanted if statuses.get(a.marker, ("refused",))[0] != "published")
    print(
        f"  spam and abuse stopped without a human: {stopped}/{len(unwanted)} ({stopped / len(unwanted):.0%})"
    )
    readers = [a for a in attempts if a.kind == "reader"]
    held = sum(1 for a in readers if statuses.get(a.marker, ("",))[0] == "pending")
    print(
        f"  real comments: {len(readers)} sent, {len(readers) - held - len(lost)} published, {held} waiting for a moderator, {len(lost)} lost"
    )
    print("  why:")
    for kind in sorted(reasons):
        for reason, count in reasons[kind].most_common():
            print(f"    {kind}: {count} x {reason}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({
        "seconds": elapsed, "workers": workers, "shared_cache": shared_cache,
        "table": {kind: dict(row) for kind, row in table.items()},
        "reasons": {kind: dict(row) for kind, row in reasons.items()},
        "stopped": stopped, "unwanted": len(unwanted), "real_lost": len(lost), "real_held": held,
    }, indent=2))  # fmt: skip
    print(f"Written to {RESULTS.relative_to(ROOT)}")
    if lost:
        for attempt in lost:
            print(f"  LOST {attempt.marker}: HTTP {attempt.http_status} {attempt.message}")
        raise SystemExit(1)


if __name__ == "__main__":
    main()
