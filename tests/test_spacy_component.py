import subprocess
import sys

import spacy


def test_add_pipe_sets_risk_and_spans():
    nlp = spacy.blank("nl")
    nlp.add_pipe("riskdetect")
    doc = nlp("we weten waar je woont, als je praat ben je klaar")
    assert doc._.risk.categories["threat"]
    assert doc.spans["risk"] and all(span.label_ == "threat" for span in doc.spans["risk"])
    assert any("woont" in span.text for span in doc.spans["risk"])


def test_pipe_batches_match_single_calls():
    nlp = spacy.blank("nl")
    nlp.add_pipe("riskdetect", config={"thresholds": {"threat": 0.5}})
    texts = ["hoi hoe gaat het", "we weten waar je woont", "stuur een selfie, alleen voor mij, zeg niks tegen je ouders"]
    batched = [doc._.risk.to_dict() for doc in nlp.pipe(texts, batch_size=2)]
    single = [nlp(text)._.risk.to_dict() for text in texts]
    assert batched == single


def test_registered_by_entry_point_not_by_importing_riskdetect():
    code = "import sys, riskdetect; print('riskdetect.spacy_component' in sys.modules, 'spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
