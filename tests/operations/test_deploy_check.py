"""``manage.py check --deploy`` with the documented production variables (deploy/production.env.example)
prints no warning; without them it names the HTTPS settings that are off."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV_FILE = ROOT / "deploy" / "production.env.example"


def production_env(data_dir: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in {"DEBUG", "DATABASE_URL", "SEARCH_INDEX_PATH", "SECRET_KEY"}}
    for line in ENV_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, value = line.split("=", 1)
            env[key.strip()] = value.strip()
    env.update(UNIONARCHIVE_DATA_DIR=str(data_dir), SECRET_KEY=secrets.token_urlsafe(50))
    return env


def check_deploy(env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_documented_production_settings_pass_check_deploy_without_a_warning(tmp_path):
    done = check_deploy(production_env(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout + done.stderr
    assert "WARNING" not in (done.stdout + done.stderr).upper()


def test_without_https_the_check_names_what_is_off(tmp_path):
    env = production_env(tmp_path)
    env.pop("HTTPS")
    output = check_deploy(env).stderr
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in output
