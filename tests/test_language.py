"""The English check lets headline-style notes through and keeps other languages out."""

import pytest

from crisislens.language import guess_language


@pytest.mark.parametrize("text", [
    "Orma ethnic group attacks Pokomo villages; two killed",
    "Police fire on rioters in Kibera slum",
    "Truck driver blocks road in protest over colleagues arrest",
    "Gunmen kill three in Mandera",
])
def test_short_english_notes_are_english(text):
    assert guess_language(text) == "en"


@pytest.mark.parametrize("text", [
    "Le gouvernement a annoncé que les forces de sécurité sont dans la ville.",
    "El gobierno dijo que los soldados de la ciudad están con la policía.",
    "Die Polizei hat in der Stadt und auf dem Land nicht eingegriffen.",
    "قتل ثلاثة أشخاص في هجوم على قرية",
    "在该市发生爆炸，造成三人死亡",
])
def test_other_languages_are_not_english(text):
    assert guess_language(text) == "und"
