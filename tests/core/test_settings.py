"""Ward settings: lookup order and one-line errors naming file, key and reason."""
import pytest

from thanthien.core.errors import SettingsError
from thanthien.core.settings import SAMPLE_CONFIG, Settings, load_settings, parse_settings


def write(tmp_path, text, name="thanthien.toml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_defaults_without_any_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("THANTHIEN_CONFIG", raising=False)
    s = load_settings()
    assert s == Settings() and s.source == ""
    assert s.database_url.startswith("sqlite:///") and s.database_url.endswith("data/thanthien.db")


def test_lookup_order(tmp_path, monkeypatch):
    local = write(tmp_path, '[ward]\nname = "Phường Cục Bộ"\n')
    env = write(tmp_path, '[ward]\nname = "Phường Biến Môi Trường"\n', "env.toml")
    explicit = write(tmp_path, '[ward]\nname = "Xã Chỉ Định"\nkind = "xa"\n', "explicit.toml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("THANTHIEN_CONFIG", raising=False)
    assert load_settings().ward.name == "Phường Cục Bộ"
    monkeypatch.setenv("THANTHIEN_CONFIG", str(env))
    assert load_settings().ward.name == "Phường Biến Môi Trường"
    assert load_settings(str(explicit)).ward.name == "Xã Chỉ Định"
    assert local.exists()


def test_sample_config_parses_and_relative_paths_resolve(tmp_path):
    p = write(tmp_path, SAMPLE_CONFIG)
    s = load_settings(str(p))
    assert s.ward.name == "Phường Bắc Kạn"
    assert s.data_dir == tmp_path / "data"


@pytest.mark.parametrize(
    "text, key, reason",
    [
        ('[ward]\nnam = "x"\n', "ward.nam", "khóa không được hỗ trợ"),
        ("[wards]\n", "wards", "khóa không được hỗ trợ"),
        ('[web]\nsession_idle_minutes = "ba mươi"\n', "web.session_idle_minutes", "giá trị không hợp lệ"),
        ('[ward]\nkind = "huyen"\n', "ward.kind", ""),
        ('[storage]\ndatabase_url = "mysql://x"\n', "storage.database_url", "chỉ hỗ trợ"),
        ("[plugins]\ndisabled = 3\n", "plugins.disabled", "giá trị không hợp lệ"),
    ],
)
def test_bad_file_names_file_key_and_reason(tmp_path, text, key, reason):
    p = write(tmp_path, text)
    with pytest.raises(SettingsError) as err:
        load_settings(str(p))
    assert err.value.key == key
    assert str(p) in err.value.message and key in err.value.message and reason in err.value.message
    assert "\n" not in err.value.message


def test_syntax_error_and_missing_file(tmp_path):
    p = write(tmp_path, "[ward\nname=")
    with pytest.raises(SettingsError, match="sai cú pháp TOML"):
        load_settings(str(p))
    with pytest.raises(SettingsError, match="không tìm thấy tệp"):
        load_settings(str(tmp_path / "none.toml"))


def test_disabled_plugins_from_config_and_environment(monkeypatch):
    s = parse_settings({"plugins": {"disabled": ["giamsat"]}})
    monkeypatch.setenv("THANTHIEN_DISABLED_PLUGINS", "thanhtra, giamsat")
    assert s.disabled_plugins == ("giamsat", "thanhtra")


def test_plugin_sections(tmp_path):
    p = write(tmp_path, '[plugin.motcua]\nagency_code = "000.00.12.H55"\n')
    assert load_settings(str(p)).for_plugin("motcua") == {"agency_code": "000.00.12.H55"}
