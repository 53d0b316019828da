"""Keys away from the data, and transport security by default (issue 17): a deployment refuses
to start without its keys, or with a bid key file others can read or that lies in the data
directory; only the demo generates keys, readable by their owner alone; outside the demo
cookies are secure and HSTS is on unless explicitly turned off."""

import json
import os
import stat
import subprocess
import sys
import time

import pytest

SHOW = ("import json; from django.conf import settings; print(json.dumps({'secure': settings.SESSION_COOKIE_SECURE, "
        "'csrf': settings.CSRF_COOKIE_SECURE, 'hsts': settings.SECURE_HSTS_SECONDS, 'bid': settings.COPROCURE_BID_KEY}))")


def start(tmp_path, **env):
    """Load the production settings in a fresh process, as an app server would."""
    base = {key: value for key, value in os.environ.items() if not key.startswith("COPROCURE_")}
    base.update({"DJANGO_SETTINGS_MODULE": "coprocure.settings", "COPROCURE_VAR_DIR": str(tmp_path / "var"),
                 "COPROCURE_SECRET_KEY": "k" * 50, **env})
    base = {key: value for key, value in base.items() if value is not None}
    return subprocess.run([sys.executable, "-c", SHOW], env=base, capture_output=True, text=True, timeout=60)


def key_file(path, mode):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("a-bid-key-from-a-file")
    path.chmod(mode)
    return str(path)


def test_a_deployment_without_a_bid_key_refuses_to_start(tmp_path):
    run = start(tmp_path)
    assert run.returncode != 0 and "Set COPROCURE_BID_KEY" in run.stderr
    assert not (tmp_path / "var" / "bid_key").exists()


def test_a_deployment_without_a_secret_key_refuses_to_start(tmp_path):
    run = start(tmp_path, COPROCURE_SECRET_KEY=None, COPROCURE_BID_KEY="b" * 44)
    assert run.returncode != 0 and "Set COPROCURE_SECRET_KEY" in run.stderr


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604])
def test_a_key_file_others_can_read_is_refused(tmp_path, mode):
    run = start(tmp_path, COPROCURE_BID_KEY_FILE=key_file(tmp_path / "keys" / "bid_key", mode))
    assert run.returncode != 0 and "readable by others" in run.stderr


def test_a_key_file_in_the_data_directory_is_refused(tmp_path):
    run = start(tmp_path, COPROCURE_BID_KEY_FILE=key_file(tmp_path / "var" / "bid_key", 0o600))
    assert run.returncode != 0 and "inside the data directory" in run.stderr


def test_a_private_key_file_outside_the_data_directory_is_used_with_secure_transport(tmp_path):
    run = start(tmp_path, COPROCURE_BID_KEY_FILE=key_file(tmp_path / "keys" / "bid_key", 0o600))
    assert run.returncode == 0, run.stderr
    shown = json.loads(run.stdout)
    assert shown == {"secure": True, "csrf": True, "hsts": 31_536_000, "bid": "a-bid-key-from-a-file"}


def test_secure_transport_is_off_only_when_explicitly_turned_off(tmp_path):
    run = start(tmp_path, COPROCURE_BID_KEY="b" * 44, COPROCURE_SECURE_COOKIES="0")
    shown = json.loads(run.stdout)
    assert (shown["secure"], shown["csrf"], shown["hsts"]) == (False, False, 0)


def test_the_demo_generates_keys_readable_by_their_owner_only(tmp_path):
    run = start(tmp_path, COPROCURE_SECRET_KEY=None, COPROCURE_DEMO="1")
    assert run.returncode == 0, run.stderr
    for name in ("bid_key", "secret_key"):
        mode = stat.S_IMODE((tmp_path / "var" / name).stat().st_mode)
        assert mode == 0o600, (name, oct(mode))
    assert json.loads(run.stdout)["secure"] is False  # the demo is served over plain HTTP on loopback


def test_demo_workers_starting_together_all_get_the_same_complete_key(tmp_path):
    """An app server starts its workers at once: each must come up, and all must hold the one key
    written to var/ (a second worker used to fail with 'File exists')."""
    base = {key: value for key, value in os.environ.items() if not key.startswith("COPROCURE_")}
    base.update({"DJANGO_SETTINGS_MODULE": "coprocure.settings", "COPROCURE_VAR_DIR": str(tmp_path / "var"),
                 "COPROCURE_DEMO": "1"})
    go = tmp_path / "go"
    # Each worker loads Python first and waits for the start signal, so all reach the key together.
    script = f"import os, dj_database_url, csp.constants, django.utils.translation\nwhile not os.path.exists({str(go)!r}): pass\n{SHOW}"
    workers = [subprocess.Popen([sys.executable, "-c", script], env=base, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for _ in range(8)]
    time.sleep(1)
    go.touch()
    outputs = [worker.communicate(timeout=60) for worker in workers]
    assert all(worker.returncode == 0 for worker in workers), [error for _, error in outputs]
    keys = {json.loads(output)["bid"] for output, _ in outputs}
    assert keys == {(tmp_path / "var" / "bid_key").read_text().strip()}
    assert len(keys.pop()) == 44
    assert sorted(path.name for path in (tmp_path / "var").iterdir()) == ["bid_key", "secret_key"]
