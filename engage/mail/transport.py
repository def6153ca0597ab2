"""Where the worker hands a message over: an SMTP server (MAIL_SERVER), or, with none
configured (development), one .eml file per message under instance/mail/. One
connection serves a whole run; errors are sorted into what a retry can cure."""

import smtplib
from email.message import EmailMessage
from pathlib import Path

from flask import current_app


class Unreachable(Exception):
    """The server cannot be reached or dropped the connection: no message's fault."""


class Temporary(Exception):
    """The server answered 4xx (or an unexpected error): try this message again later."""


class Permanent(Exception):
    """The server refused this message for good (5xx), or it cannot be built."""


def build_email(to: str, subject: str, body: str, message_id: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    email["To"] = to
    email["Subject"] = subject
    email["Message-ID"] = message_id
    email.set_content(body)
    return email


class SmtpTransport:
    def __init__(self, cfg):
        self.cfg = cfg
        self.smtp: smtplib.SMTP | None = None

    def open(self) -> None:
        cfg = self.cfg
        try:
            smtp = smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=cfg["MAIL_TIMEOUT"])
            if cfg["MAIL_USE_TLS"]:
                smtp.starttls()
            if cfg.get("MAIL_USERNAME"):
                smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"])
        except (OSError, smtplib.SMTPException) as exc:
            raise Unreachable(f"Cannot reach the mail server {cfg['MAIL_SERVER']}:{cfg['MAIL_PORT']}: {exc}") from exc
        self.smtp = smtp

    def send(self, email: EmailMessage) -> None:
        try:
            self.smtp.send_message(email)
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()))
            _raise_for_code(code, f"The mail server refused the recipient: {code} {_text(text)}")
        except smtplib.SMTPServerDisconnected as exc:
            self.smtp = None
            raise Unreachable(f"The mail server closed the connection: {exc}") from exc
        except smtplib.SMTPResponseException as exc:
            _raise_for_code(exc.smtp_code, f"The mail server answered {exc.smtp_code} {_text(exc.smtp_error)}")
        except OSError as exc:
            self.smtp = None
            raise Unreachable(f"Lost the mail server: {exc}") from exc
        except smtplib.SMTPException as exc:
            raise Temporary(str(exc)) from exc

    def close(self) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (OSError, smtplib.SMTPException):
                self.smtp.close()
            self.smtp = None


class FileTransport:
    """Development without a mail server: messages land in instance/mail/ to read."""

    def __init__(self, folder: Path):
        self.folder = folder

    def open(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)

    def send(self, email: EmailMessage) -> None:
        name = email["Message-ID"].strip("<>").replace("@", "_").replace("/", "_")
        (self.folder / f"{name}.eml").write_bytes(bytes(email))

    def close(self) -> None:
        pass


def _text(value) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else str(value)


def _raise_for_code(code: int, message: str):
    raise (Permanent if 500 <= code < 600 else Temporary)(message)


class MissingServer:
    """Production with no MAIL_SERVER: nothing is sent and nothing is marked sent."""

    def open(self) -> None:
        raise Unreachable("MAIL_SERVER is not set, so no email can be sent; messages stay queued.")

    def close(self) -> None:
        pass


def transport_for_app():
    cfg = current_app.config
    if cfg.get("MAIL_SERVER"):
        return SmtpTransport(cfg)
    if cfg["ENV_NAME"] == "production":
        return MissingServer()
    return FileTransport(Path(current_app.instance_path) / "mail")
