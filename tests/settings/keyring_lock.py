"""Lock and unlock the test session's gnome-keyring (scripts/with-keyring.sh) without a prompt.

Locking is the Secret Service's `Lock`; unlocking uses gnome-keyring's own interface for
unlocking with the password (the one `with-keyring.sh` set), since the Secret Service's
`Unlock` would wait for a prompt no one can answer here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import secretstorage
from jeepney import DBusAddress, new_method_call
from jeepney.io.blocking import open_dbus_connection

PASSWORD = b"test-keyring-password"  # scripts/with-keyring.sh
SECRETS = "org.freedesktop.secrets"
PATH = "/org/freedesktop/secrets"
INTERNAL = "org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface"


@contextmanager
def locked_keyring() -> Iterator[None]:
    """The default collection locked inside the block, unlocked again after it."""
    connection = secretstorage.dbus_init()
    collection = secretstorage.get_default_collection(connection)
    collection.lock()
    assert collection.is_locked()
    try:
        yield
    finally:
        unlock(collection.collection_path)
        assert not collection.is_locked()
        connection.close()


def unlock(collection_path: str) -> None:
    with open_dbus_connection("SESSION") as bus:
        service = DBusAddress(PATH, bus_name=SECRETS, interface="org.freedesktop.Secret.Service")
        reply = bus.send_and_get_reply(
            new_method_call(service, "OpenSession", "sv", ("plain", ("s", "")))
        )
        session = reply.body[1]
        internal = DBusAddress(PATH, bus_name=SECRETS, interface=INTERNAL)
        secret = (session, b"", PASSWORD, "text/plain")
        call = new_method_call(
            internal, "UnlockWithMasterPassword", "o(oayays)", (collection_path, secret)
        )
        bus.send_and_get_reply(call)
