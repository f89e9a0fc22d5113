import pytest

from riskdetect.evasion import ATTACKS, attack
from riskdetect.normalize import normalize_text

TEXT = "leen je pinpas uit voor geld, niemand merkt het"


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_attacks_deterministic_and_change_text(name):
    assert attack(TEXT, name, seed=2) == attack(TEXT, name, seed=2)
    assert attack(TEXT, name, seed=2) != TEXT


@pytest.mark.parametrize("name", ["spacing", "dots", "homoglyphs", "zero_width", "case_noise"])
def test_normaliser_undoes_character_attacks(name):
    assert normalize_text(attack(TEXT, name)) == normalize_text(TEXT)


def test_unknown_attack():
    with pytest.raises(ValueError, match="unknown attack"):
        attack(TEXT, "nope")
