"""Claims: stance (affirmed or denied), hedges, attribution, characterisations, status and harms of a sentence."""

from __future__ import annotations

from typing import Any

import pytest

from rashomon.analyze import load_nlp
from rashomon.analyze.claims import extract_claims
from rashomon.model import Claim, Harm


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


def claims_of(nlp: Any, text: str) -> list[Claim]:
    doc = nlp(text)
    claims = extract_claims(doc)
    for claim in claims:
        assert claim.text == doc.text[claim.span.start : claim.span.end]
    return claims


def only_claim(nlp: Any, text: str) -> Claim:
    claims = claims_of(nlp, text)
    assert len(claims) == 1, [c.text for c in claims]
    assert claims[0].span.offsets == (0, len(text))
    return claims[0]


# -- denials ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "cue"), [
    ("The Interior Ministry denies that its troops fired on the marchers in Velmora.", "denies"),
    ("Officials rejected the accusation that guards beat the prisoners in Dovrec.", "rejected"),
    ("Claims that soldiers burned homes in the valley are completely false.", "false"),
    ("Claims that soldiers burned homes in the valley are completely false, the governor said.", "false"),
    ("There is no truth to the reports that the militia executed prisoners.", "no truth"),
    ("There is no evidence that the police used live rounds, the chief said.", "no evidence"),
    ("There is no foreign backing for the protests, the spokesman said.", "no backing"),
    ("Some outlets falsely portray the patrol as the aggressor in the village.", "falsely"),
    ("The ministry called these baseless allegations a smear by its rivals.", "baseless allegations"),
    ("These reports are baseless lies spread by our enemies, the minister said.", "lies"),
    ("The soldiers did not kill anyone in Dovrec, the colonel said.", "not kill"),
    ("The troops never targeted civilians, a spokesman said.", "never targeted"),
])
def test_denials_carry_their_cue(nlp: Any, sentence: str, cue: str) -> None:
    claim = only_claim(nlp, sentence)
    assert claim.polarity == "denied"
    assert claim.denial_cue == cue
    assert all(word in sentence for word in cue.split())


def test_this_is_not_an_organised_uprising_is_a_denial(nlp: Any) -> None:
    claim = only_claim(nlp, "This is not an organised uprising but a spontaneous protest, the mayor said.")
    assert claim.polarity == "denied"
    assert "not" in claim.denial_cue.split()
    assert claim.attributed_to == ("mayor",)
    assert claim.characterisations[0].family == "organised"
    assert claim.characterisations[0].negated is True


@pytest.mark.parametrize("sentence", [
    "Troops no longer shell the village of Marrin, residents said.",
    "The raid not only destroyed the market but also damaged the clinic.",
    "The shelling hit not just the barracks but also the school, witnesses said.",
    "Residents said they can't sleep in Marrin because soldiers patrol at night.",
    "At least 30 people were killed in Marrin, the council said.",
    "The army did not deny that its drones struck the school.",
    "Eight people were killed in the attack on the bus, the ministry said.",
])
def test_negations_that_deny_no_claim_stay_affirmed(nlp: Any, sentence: str) -> None:
    claim = only_claim(nlp, sentence)
    assert claim.polarity == "affirmed"
    assert claim.denial_cue is None


def test_no_civilians_were_killed_is_a_denial(nlp: Any) -> None:
    claim = only_claim(nlp, "No civilians were killed in the raid, the army said.")
    assert claim.polarity == "denied"
    assert claim.denial_cue == "No civilians"


@pytest.mark.parametrize("sentence", [
    "No rescue flights were scheduled or planned for the valley, the agency said.",
    "No marchers were raped during the raid on the square, the council said.",
])
def test_no_on_the_subject_of_a_passive_denies_the_act(nlp: Any, sentence: str) -> None:
    claim = only_claim(nlp, sentence)
    assert claim.polarity == "denied" and claim.denial_cue.split()[0] == "No"
    assert claim.attributed_to == (sentence.rsplit(" the ", 1)[1].split()[0],)
    assert all(p.negated for p in claim.propositions)


def test_a_passive_with_a_counted_subject_stays_affirmed(nlp: Any) -> None:
    assert only_claim(nlp, "Two convoys were stopped at the border, the agency said.").polarity == "affirmed"


def test_raped_is_the_act_of_rape_not_rap(nlp: Any) -> None:
    # spaCy's rules read "raped" as "rap" (lang/en/lemmas.json sets it right)
    (act,) = only_claim(nlp, "Militiamen raped villagers in Orvel, a nurse said.").propositions
    assert (act.predicate, act.verb, act.agent, act.patient_head) == ("harm", "rape", "Militiamen", "villager")
    assert not only_claim(nlp, "Militiamen raped villagers in Orvel, a nurse said.").propositions[0].negated


@pytest.mark.parametrize(("sentence", "holder"), [
    ("Anger grew over the inspectors' claims that no marchers were beaten during the raid.", "inspectors"),
    ("Allegations by the Varn council that no marchers were beaten angered the doctors.", "Varn council"),
    ("The council published a report on Sunday, saying that no marchers were beaten in the square.", "council"),
])
def test_a_denial_inside_a_claims_clause_is_its_holders(nlp: Any, sentence: str, holder: str) -> None:
    claim = only_claim(nlp, sentence)
    assert claim.polarity == "denied" and claim.attributed_to == (holder,)
    assert [(p.verb, p.patient_head, p.negated) for p in claim.propositions] == [("beat", "marcher", True)]
    assert not any(c.negated for c in claim.characterisations)  # "during the raid" is where, not what is denied


def test_only_the_negated_conjunct_of_a_report_is_denied(nlp: Any) -> None:
    claim = only_claim(nlp, "The panel released a report alleging that 12 people died and no marchers were beaten.")
    assert claim.polarity == "denied"
    assert [(p.verb, p.agent, p.negated) for p in claim.propositions] == [("beat", None, True)]


def test_a_claim_nobody_holds_denies_with_no_voice(nlp: Any) -> None:
    claim = only_claim(nlp, "Claims that no one was hurt in the blast circulated on Monday.")
    assert claim.polarity == "denied" and claim.attributed_to == ()


@pytest.mark.parametrize("sentence", [
    "Norland's claims that a Sudrian missile hit Tarvik are not true, the Sudrian defence ministry said.",
    "Norland’s claims that a Sudrian missile hit Tarvik are not true, the Sudrian defence ministry said.",
    "The Sudrian defence ministry rejected reports that a Sudrian missile hit Tarvik.",
    "The Sudrian defence ministry dismissed as a fabrication allegations that a Sudrian missile hit Tarvik.",
])
def test_rejecting_anothers_claim_denies_what_it_says(nlp: Any, sentence: str) -> None:
    claim = only_claim(nlp, sentence)
    assert claim.polarity == "denied" and claim.attributed_to == ("Sudrian defence ministry",)
    assert [(p.verb, p.agent, p.patient_head, p.negated) for p in claim.propositions] == [
        ("hit", "a Sudrian missile", "tarvik", False)]


def test_a_relative_clause_on_reports_rejects_nothing(nlp: Any) -> None:
    claim = only_claim(nlp, "Reports that are not confirmed say that twenty people died in Tarvik.")
    assert claim.polarity == "affirmed"


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("The doctors rejected the council's claims that no marchers were beaten.", "doctors"),
    ("The doctors said the council's claims that no marchers were beaten were false.", "doctors"),
    ("Norland's claims that no Sudrian soldiers were killed are not true, the Sudrian defence ministry said.",
     "Sudrian defence ministry"),
])
def test_rejecting_a_denial_affirms_the_act(nlp: Any, sentence: str, speaker: str) -> None:
    claim = only_claim(nlp, sentence)
    assert claim.polarity == "affirmed" and claim.attributed_to == (speaker,)
    assert claim.propositions and not any(p.negated for p in claim.propositions)


@pytest.mark.parametrize(("sentence", "negated"), [
    ("The council said no marchers were hurt during the massacre.", False),
    ("There was no massacre in Tarvik, the council said.", True),
    ("The army denied reports of a massacre in Tarvik.", True),
])
def test_a_denial_leaves_alone_the_event_its_act_is_set_in(nlp: Any, sentence: str, negated: bool) -> None:
    (term,) = only_claim(nlp, sentence).characterisations
    assert (term.family, term.negated) == ("massacre", negated)


# -- hedges -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "cue"), [
    ("Militia fighters allegedly killed four farmers near the dam.", "allegedly"),
    ("Soldiers reportedly detained twelve students on Monday.", "reportedly"),
    ("The unverified video shows troops firing on a crowd.", "unverified"),
    ("The blast could have killed dozens of workers.", "could"),
    ("Police may have detained up to forty protesters.", "may"),
    ("The commander is said to have ordered the raid on the camp.", "said to"),
])
def test_hedges(nlp: Any, sentence: str, cue: str) -> None:
    claim = only_claim(nlp, sentence)
    assert claim.hedged is True
    assert claim.hedge_cue == cue
    assert claim.polarity == "affirmed"


def test_attribution_alone_is_no_hedge(nlp: Any) -> None:
    claim = only_claim(nlp, "Eight people were killed in the attack on the bus, the ministry said.")
    assert claim.hedged is False
    assert claim.hedge_cue is None


# -- attribution --------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "source", "cue"), [
    ("Eight people were killed in the attack on the bus, the ministry said.", "ministry", "say"),
    ("According to the Harlow Monitor, twenty villagers were wounded in the shelling.", "Harlow Monitor", None),
    ("According to the monitor, twenty villagers were wounded in the shelling.", "monitor", None),
    ("A police spokesman told reporters that the attackers had fled across the river.", "police spokesman", "tell"),
    ("The killings continue in the eastern villages, residents said.", "residents", "say"),
])
def test_attribution_names_the_source(nlp: Any, sentence: str, source: str, cue: str | None) -> None:
    claim = only_claim(nlp, sentence)
    assert claim.attributed_to[0] == source
    assert source in sentence
    assert claim.cue == cue


def test_unattributed_claim_has_no_source(nlp: Any) -> None:
    claim = only_claim(nlp, "Gunmen ambushed and killed 16 soldiers near the checkpoint.")
    assert claim.attributed_to == ()
    assert claim.cue is None


def test_the_denier_is_the_source(nlp: Any) -> None:
    claim = only_claim(nlp, "The Interior Ministry denies that its troops fired on the marchers in Velmora.")
    assert claim.attributed_to == ("Interior Ministry",)


# -- characterisations --------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "family", "term", "negated"), [
    ("Rights groups accused the army of systematic crimes against the Dorani minority.", "systematic",
     "systematic", False),
    ("There were no systematic massacres in the province, the general said.", "systematic", "systematic", True),
    ("It was an organised attack on the convoy, the governor said.", "organised", "organised", False),
    ("The premeditated attack on the market left nine people dead.", "organised", "premeditated", False),
    ("Witnesses said the attack on the convoy was carefully planned.", "organised", "planned", False),
    ("The crackdown was a campaign of killing against the Oresh, activists said.", "systematic",
     "campaign of killing", False),
    ("The army said the security operation in Kessa had ended.", "security operation", "security operation", False),
])
def test_characterisations(nlp: Any, sentence: str, family: str, term: str, negated: bool) -> None:
    claim = only_claim(nlp, sentence)
    found = {c.family: c for c in claim.characterisations}
    assert family in found
    assert found[family].term == term
    assert found[family].negated is negated
    start, end = found[family].span
    assert sentence[start:end] == term


def test_no_systematic_massacres_negates_both_families(nlp: Any) -> None:
    claim = only_claim(nlp, "There were no systematic massacres in the province, the general said.")
    assert {(c.family, c.negated) for c in claim.characterisations} == {
        ("systematic", True), ("massacre", True)}
    assert claim.polarity == "denied"


def test_characterising_adjective_must_qualify_harm(nlp: Any) -> None:
    text = "The agency described the posts as a systematic disinformation campaign."
    families = [c.family for claim in claims_of(nlp, text) for c in claim.characterisations]
    assert "systematic" not in families


def test_predicative_characterisation(nlp: Any) -> None:
    claim = only_claim(nlp, "The killings were systematic and targeted the Oresh community, the group said.")
    assert [(c.family, c.negated) for c in claim.characterisations] == [("systematic", False)]


# -- status -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "status"), [
    ("The army announced the end of its operation in the hills on Tuesday.", "ended"),
    ("Government troops regained control of the town of Kessa.", "ended"),
    ("The army said it had restored order in the capital.", "ended"),
    ("The operation ended on Friday, officials said.", "ended"),
    ("The killings continue in the eastern villages, residents said.", "continuing"),
    ("The killings are continuing in the hills, the monitor said.", "continuing"),
    ("Fighting is still raging in the hills above Kessa.", "continuing"),
    ("The operation is not over, the council warned.", "continuing"),
    ("Despite the army's claim that the operation had ended, the shelling continued in Kessa.", "continuing"),
    ("The fighting lasted over a period of hours, witnesses said.", None),
    ("By the end of the operation, 40 fighters had been detained.", None),
])
def test_status(nlp: Any, sentence: str, status: str | None) -> None:
    assert only_claim(nlp, sentence).status == status


def test_over_a_number_is_no_status(nlp: Any) -> None:
    assert only_claim(nlp, "Over 200 people were killed in the shelling, the monitor said.").status is None


# -- harms --------------------------------------------------------------------------------------

def harm(claim: Claim, verb: str, text: str) -> Harm:
    found = [h for h in claim.harms if h.verb == verb]
    assert len(found) == 1, claim.harms
    h = found[0]
    word = text[h.span[0] : h.span[1]]
    assert word.isalpha() and word[0].lower() == verb[0]  # the verb itself, as written
    for said, where in ((h.agent, h.agent_span), (h.patient, h.patient_span)):
        if where is not None:
            assert text[where[0] : where[1]] == said
    return h


def test_harm_agent_shared_by_coordinated_verbs(nlp: Any) -> None:
    text = "Gunmen ambushed and killed 16 soldiers near the checkpoint."
    claim = only_claim(nlp, text)
    assert harm(claim, "ambush", text).agent == "Gunmen"
    killed = harm(claim, "kill", text)
    assert (killed.agent, killed.patient) == ("Gunmen", "16 soldiers")
    assert killed.civilian_victims is False


@pytest.mark.parametrize(("text", "verb", "form", "agent", "patient"), [
    ("Civilians were killed by militia fighters on Tuesday.", "kill", "killed", "militia fighters", "Civilians"),
    ("Residents were shot by soldiers at the bridge.", "shoot", "shot", "soldiers", "Residents"),
    ("Families were abducted by armed men from their homes.", "abduct", "abducted", "armed men", "Families"),
])
def test_harm_agent_of_a_passive(nlp: Any, text: str, verb: str, form: str, agent: str, patient: str) -> None:
    h = harm(only_claim(nlp, text), verb, text)
    assert text[h.span[0] : h.span[1]] == form
    assert (h.agent, h.patient) == (agent, patient)
    assert h.civilian_victims is True


def test_harm_active_with_civilian_patient(nlp: Any) -> None:
    text = "Government forces killed six residents of Tarn on Monday."
    h = harm(only_claim(nlp, text), "kill", text)
    assert (h.agent, h.patient) == ("Government forces", "six residents of Tarn")
    assert h.civilian_victims is True


def test_harm_without_agent(nlp: Any) -> None:
    text = "According to the Harlow Monitor, twenty villagers were wounded in the shelling."
    h = harm(only_claim(nlp, text), "wound", text)
    assert h.agent is None and h.agent_span is None
    assert h.patient == "twenty villagers"
    assert h.civilian_victims is True


def test_farmers_are_civilian_victims(nlp: Any) -> None:
    text = "Militia fighters killed four farmers near the dam."
    assert harm(only_claim(nlp, text), "kill", text).civilian_victims is True


def test_harm_spans_stay_inside_their_claim(nlp: Any) -> None:
    text = "Troops kill 12 marchers in Velmora\n\nVELMORA - Soldiers shot 12 marchers in Velmora on Thursday."
    claims = claims_of(nlp, text)
    assert [c.text for c in claims] == ["Soldiers shot 12 marchers in Velmora on Thursday."]  # a headline is no claim
    h = harm(claims[0], "shoot", text)
    assert h.patient == "12 marchers in Velmora"
    for claim in claims:
        for h in claim.harms:
            for where in (h.span, h.agent_span, h.patient_span):
                if where is not None:
                    assert claim.span.start <= where[0] <= where[1] <= claim.span.end


# -- spans and what is left out -----------------------------------------------------------------

def test_spans_index_the_text_across_paragraphs(nlp: Any) -> None:
    text = ("VELMORA - Soldiers opened fire on marchers on Thursday, witnesses said. The weather was mild and dry.   "
            "The ministry denied that troops had fired.\n"
            "Shops stayed shut.\n\n"
            "Militia fighters allegedly shelled the clinic “to punish the town”, residents said.\n"
            "The museum reopened its doors to visitors this week.")
    claims = claims_of(nlp, text)
    assert [c.text for c in claims] == [
        "Soldiers opened fire on marchers on Thursday, witnesses said.",  # the dateline is not the claim's
        "The ministry denied that troops had fired.",
        "Militia fighters allegedly shelled the clinic “to punish the town”, residents said.",
    ]
    assert [c.polarity for c in claims] == ["affirmed", "denied", "affirmed"]
    assert [c.hedged for c in claims] == [False, False, True]
    assert claims[0].span.start == text.index("Soldiers")
    assert claims[2].span.end == text.index(" said.\nThe museum") + len(" said.")
    for claim in claims:
        for h in claim.harms:
            assert claim.span.start <= h.span[0] < h.span[1] <= claim.span.end
        for ch in claim.characterisations:
            assert text[ch.span[0] : ch.span[1]] == ch.term


@pytest.mark.parametrize("sentence", [
    "The weather in the capital was mild and sunny.",
    "The museum reopened its doors to visitors this week.",
    "Calm.",
    "Shops in the old market quarter stayed shut on Saturday.",
])
def test_nothing_check_worthy_gives_no_claim(nlp: Any, sentence: str) -> None:
    assert claims_of(nlp, sentence) == []


def test_terms_are_content_lemmas(nlp: Any) -> None:
    claim = only_claim(nlp, "Militia fighters allegedly shelled the clinic in Tarn, residents said.")
    assert {"militia", "fighter", "shell", "clinic", "tarn"} <= set(claim.terms)
    assert not {"say", "the", "allegedly"} & set(claim.terms)


# -- denials and status in reported and subordinate clauses ----------------------------------------

@pytest.mark.parametrize("sentence", [
    "The command said the raid had hit only depots and stressed that no villagers were harmed by its pilots.",
    "Medics in Orvel said nine people died, and the navy denied shelling the harbour.",
])
def test_denial_in_a_second_reported_clause(nlp: Any, sentence: str) -> None:
    assert only_claim(nlp, sentence).polarity == "denied"


@pytest.mark.parametrize(("sentence", "status"), [
    ("The colonel said all operations in the northern sector have ceased.", "ended"),
    ("Officials said the offensive had stopped after the truce.", "ended"),
    ("The strike was carried out with complete precision against the depots, the army said.", None),
    ("The rocket killed two people in the tents an hour after the army's operation had ended.", None),
])
def test_status_in_clauses(nlp: Any, sentence: str, status: str | None) -> None:
    assert only_claim(nlp, sentence).status == status
