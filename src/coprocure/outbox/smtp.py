"""Sending one e-mail over SMTP so that a worker killed at any moment neither loses it nor,
but for a window of microseconds, sends it twice.

SMTP's own commit point is the dot that ends DATA: a server keeps a message only once it has
read it, and drops it when the connection goes before. So the message body is written, then
the row is marked sent and the dot written inside one database transaction, which commits
right after the dot. Killed before the dot: no commit, the server drops the message, the next
worker sends it. Killed after the commit: the server has it and the row says so. Only a kill
between writing the dot and the COMMIT reaching the database sends it twice, and the copy has
the same Message-ID, by which mail programs recognise it.
"""

from __future__ import annotations

import re
import socket
from smtplib import SMTPDataError, SMTPRecipientsRefused, SMTPSenderRefused
from typing import Callable

from django.core.mail import EmailMessage
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address
from django.db import transaction

CRLF = b"\r\n"


def applies(connection) -> bool:
    return isinstance(connection, SMTPBackend)


def send(connection: SMTPBackend, email: EmailMessage, mark_sent: Callable[[], None]) -> None:
    if connection.connection is None:
        connection.open()
        # The dot goes out as its own small write right after the body: without this, Nagle's
        # algorithm holds it until the server acknowledges the body (some 40 ms a message).
        connection.connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    smtp = connection.connection
    smtp.ehlo_or_helo_if_needed()
    sender = sanitize_address(email.from_email, email.encoding)
    code, reply = smtp.mail(sender)
    if code != 250:
        smtp.rset()
        raise SMTPSenderRefused(code, reply, sender)
    for recipient in (sanitize_address(address, email.encoding) for address in email.recipients()):
        code, reply = smtp.rcpt(recipient)
        if code not in (250, 251):
            smtp.rset()
            raise SMTPRecipientsRefused({recipient: (code, reply)})
    code, reply = smtp.docmd("data")
    if code != 354:
        raise SMTPDataError(code, reply)
    data = re.sub(rb"(?m)^\.", b"..", email.message().as_bytes(linesep="\r\n"))
    smtp.send(data if data.endswith(CRLF) else data + CRLF)
    with transaction.atomic():
        mark_sent()
        smtp.send(b"." + CRLF)
    code, reply = smtp.getreply()
    if code != 250:
        raise SMTPDataError(code, reply)
