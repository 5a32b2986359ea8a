#!/usr/bin/env python3
"""A real SMTP server for the bulletin sender's tests (aiosmtpd), on a free port of 127.0.0.1.

STARTTLS is required, on a certificate made at start by `openssl` and signed by a test authority
whose certificate is written to DIR/ca.pem (the sender trusts it as its settings' CA file); AUTH
PLAIN/LOGIN with user `bulletin`, password `parola-ș` is required after STARTTLS.

Every message accepted is appended to DIR/received.jsonl (envelope, decoded headers and parts); every
RCPT answer to DIR/rcpt.jsonl. Recipients named in --temp-then-perm are refused once with 451, then
with 550; those in --temp-once once with 451, then accepted. With --delay-ms each DATA waits that
long before it is accepted (a test that kills the sender then finds a message in flight).

Usage: smtp_server.py DIR [--temp-then-perm ADDR ...] [--temp-once ADDR ...] [--delay-ms N]
Prints "PORT <n>" on stdout when it listens, and runs until it is killed or its stdin closes.
"""
import argparse
import email
import email.policy
import json
import socket
import ssl
import subprocess
import sys
import threading
import time
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER, PASSWORD = b"bulletin", "parola-ș".encode()


def make_certificates(folder: Path) -> None:
    def run(*args: str) -> None:
        subprocess.run(["openssl", *args], check=True, capture_output=True)

    ca_key, ca, key, csr, cert = (folder / n for n in ("ca.key", "ca.pem", "server.key", "server.csr", "server.pem"))
    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=ClusterDesk test CA",
        "-keyout", str(ca_key), "-out", str(ca))
    run("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", str(key), "-out", str(csr))
    ext = folder / "server.ext"
    ext.write_text("subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                   "extendedKeyUsage=serverAuth\n")
    run("x509", "-req", "-in", str(csr), "-CA", str(ca), "-CAkey", str(ca_key), "-CAcreateserial", "-days", "2",
        "-extfile", str(ext), "-out", str(cert))


class Handler:
    def __init__(self, folder: Path, temp_then_perm: set, temp_once: set, delay: float):
        self.folder, self.temp_then_perm, self.temp_once, self.delay = folder, temp_then_perm, temp_once, delay
        self.refused = {}
        self.lock = threading.Lock()

    def log(self, name: str, entry: dict) -> None:
        with self.lock, open(self.folder / name, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")
            f.flush()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        times = self.refused.get(address, 0)
        if address in self.temp_then_perm or address in self.temp_once:
            if times == 0:
                answer = "451 4.3.2 Mailbox busy, try again later"
            elif address in self.temp_then_perm:
                answer = "550 5.1.1 Mailbox unavailable"
            else:
                answer = None
            if answer:
                self.refused[address] = times + 1
                self.log("rcpt.jsonl", {"rcpt": address, "answer": answer})
                return answer
        envelope.rcpt_tos.append(address)
        self.log("rcpt.jsonl", {"rcpt": address, "answer": "250 OK"})
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            time.sleep(self.delay)
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.log("received.jsonl", {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": session.ssl is not None,
            "authenticated": session.authenticated,
            "headers": {name: str(value) for name, value in message.items()},
            "parts": [{"type": part.get_content_type(), "text": part.get_content()}
                      for part in message.walk() if not part.is_multipart()],
        })
        return "250 Message accepted for delivery"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == USER and auth_data.password == PASSWORD
    return AuthResult(success=ok)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--temp-then-perm", nargs="*", default=[])
    parser.add_argument("--temp-once", nargs="*", default=[])
    parser.add_argument("--delay-ms", type=int, default=0)
    args = parser.parse_args()
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    make_certificates(folder)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(folder / "server.pem", folder / "server.key")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = Handler(folder, set(args.temp_then_perm), set(args.temp_once), args.delay_ms / 1000)
    controller = Controller(handler, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True,
                            authenticator=authenticator, auth_required=True, auth_require_tls=True,
                            server_hostname="localhost")
    controller.start()
    print(f"PORT {port}", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
