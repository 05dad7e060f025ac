"""Word lists the finders share: speech and cognition cues, source nouns, pronouns.

English first; another language adds its own lists beside these (``CUES[lang]``).
"""

from __future__ import annotations

_SPEECH_VERBS = """
said says say saying told tells telling added adds claimed claims claiming warned warns
insisted insists revealed reveals admitted admits stated states explained explains noted notes
argued argues asked asks replied replies announced announces declared declares wrote writes
suggested suggests commented comments continued confirmed confirms denied denies urged urges
acknowledged acknowledges recalled recalls observed reported reports tweeted posted stressed
stresses emphasised emphasized alleged alleges concluded cautioned complained complains
estimated predicted predicts conceded concedes agreed agrees remarked responded responds
maintained maintains countered explained testified wrote
believes believed thinks thought feels felt fears feared hopes hoped expects expected
warn insist argue admit reveal explain suggest deny confirm urge predict estimate agree
believe think claim
""".split()
# How tabloids say "said" (he fumed, she sobbed): cues only next to a quote or before a colon
# or "that", since most of them also describe what people do without speaking.
QUOTE_ONLY = frozenset("""
fumed fumes raged rages gushed gushes sobbed sobs wept screamed screams shouted shouts yelled yells
exclaimed exclaims joked jokes quipped quips boasted boasts whispered whispers muttered mutters
cried blurted slammed blasted ranted stormed hissed snapped barked roared moaned groaned bragged
confessed pleaded begged beamed laughed sighed wailed howled seethed gasped raved vowed vows promised
pledged demanded threatened recounted
""".split())
_SPEECH_VERBS += sorted(QUOTE_ONLY)
# "Figures from the agency show", "the data showed": cues only when their source is a document
# ("found" is not one: headlines say "document found on street").
# "Tests found", "a poll found 38 per cent": "found" too, but not in the passive ("document
# found on street", "found guilty"; see attributions._FOUND_PASSIVE).
DOCUMENT_CUES = frozenset("show shows showed found finds".split())
_SPEECH_VERBS += sorted(DOCUMENT_CUES)
# Multi-word cues are matched before single words.
# "the Mercury can reveal": the popular paper's formula for its own reporting.
_SPEECH_PHRASES = ["according to", "in the words of", "pointed out", "went on", "quoted as saying", "can reveal",
                   "can exclusively reveal", "can today reveal"]

CUE_WORDS = frozenset(_SPEECH_VERBS)
# first word -> the words that must follow it
CUE_PHRASES: dict[str, list[tuple[str, ...]]] = {}
for _phrase in _SPEECH_PHRASES:
    _first, *_rest = _phrase.split()
    CUE_PHRASES.setdefault(_first, []).append(tuple(_rest))


def find_cues(tokens, framing_before=(), lowers: list[str] | None = None) -> list[tuple[int, int, str]]:
    """``(start, end, cue words in lower case)`` of every speech or cognition cue, phrases
    first ("according to"); "called", "described" ... only when one of the quotation marks
    in ``framing_before`` (offsets) opens within four words after them. ``lowers`` are the
    tokens in lower case, when the caller has them. A token lookup, not a regular
    expression: an alternation of a hundred words over a long article cost 40 ms where this
    costs 2."""
    if lowers is None:
        lowers = [t.text.lower() for t in tokens]
    out = []
    n = len(tokens)
    for i, low in enumerate(lowers):
        if low in QUOTE_FRAMING:
            if any(tokens[k].start in framing_before for k in range(i + 1, min(n, i + 6))):
                out.append((tokens[i].start, tokens[i].end, low))
            continue
        rests = CUE_PHRASES.get(low)
        if rests:
            for rest in rests:
                j = i + 1 + len(rest)
                if j <= n and tuple(lowers[i + 1:j]) == rest:
                    out.append((tokens[i].start, tokens[j - 1].end, " ".join((low, *rest))))
                    break
            else:
                rests = None
            if rests:
                continue
        if low in CUE_WORDS:
            out.append((tokens[i].start, tokens[i].end, low))
    return out


# Cues that frame a quoted fragment inside the reporter's sentence (not attributions alone).
# Not "claim" or "show": as nouns they frame nothing ("the asylum claim- 'legacy backlog'").
FRAMING_WORDS = (frozenset(_SPEECH_VERBS) - DOCUMENT_CUES - {"claim"}) | frozenset(
    "called calling calls described describing describes dubbed termed labelled labeled "
    "branded recommending recommended urging promised promising vowed vowing pledged "
    "accused accusing criticised criticized condemned praised".split()
)
# Cues only when a quotation opens right after them ("what one passenger called “a disgrace”",
# "described the cuts as „a quiet emergency“"); otherwise they describe, not attribute.
QUOTE_FRAMING = frozenset("called calls calling described describes dubbed termed labelled labeled branded".split())
# "told reporters": the cue's hearer belongs to the attribution.
TELLING = frozenset("told tells telling".split())

PRONOUNS = frozenset("he she they it we i you".split())
DETERMINERS = frozenset("the a an one two three some several many most other his her their its this that these those our".split())
# Between a source's words: "Minister of Education", "spokesman for the ministry".
CONNECTORS = frozenset("of for to at from in 's ’s the and".split())
AUXILIARIES = frozenset(
    "has had have was were is are will would also later then previously earlier repeatedly "
    "reportedly publicly recently once again further similarly separately".split()
)

OFFICIAL_WORDS = frozenset("""
minister ministers ministry president presidents spokesman spokeswoman spokesperson
spokespeople official officials secretary undersecretary chancellor governor mayor senator
representative mp mps police officer officers commissioner chief director head chairman
chairwoman chair ambassador prosecutor prosecutors judge court government department office
council agency authority authorities army military commander general prime deputy lawyer
attorney sheriff detective inspector premier leader leaders party administration cabinet
parliament congress senate embassy regulator regulators institute commission board
""".split())
DOCUMENT_WORDS = frozenset("""
report reports study studies statement statements document documents letter letters survey
surveys poll polls filing filings data figures website release memo memorandum paper papers
record records analysis review research audit article newspaper magazine broadcast
test tests investigation investigations inquiry probe experiment experiments
""".split())
ANONYMOUS_WORDS = frozenset("""
sources source insiders insider experts expert analysts analyst critics critic residents
resident witnesses witness observers observer people person someone critics officials
official spokesperson colleagues friends neighbours neighbors employees staff workers
""".split())
ANONYMOUS_MARKERS = frozenset("unnamed anonymous senior familiar close some many several".split())
MODIFIERS = frozenset("""
senior former local top chief deputy foreign federal state national regional city county
health education defence defense interior finance justice military police government
independent medical legal human rights party opposition news press
fire rescue ambulance hospital school prison transport rail airport port harbour coastguard club council
union university airline industry
""".split())
# The singular of each plural above ("one neighbour", "a witness", "a student"), which the
# lists had only as plurals.
_SINGULARS = frozenset(
    "neighbour neighbor colleague friend employee worker activist campaigner doctor parent protester "
    "researcher scientist student teacher victim".split()
)
# Who speaks in popular news without a name: "a pal said", "one onlooker told", "shocked
# locals said", "a devastated relative added" (singular and plural).
_BYSTANDERS = frozenset("""
pal pals onlooker onlookers bystander bystanders eyewitness eyewitnesses local locals villager villagers
shopper shoppers commuter commuters passenger passengers holidaymaker holidaymakers tourist tourists
fan fans mourner mourners relative relatives survivor survivors diner diners punter punters regulars
customer customers medic medics nurse nurses paramedic paramedics firefighter firefighters lifeguard
lifeguards rescuer rescuers driver drivers motorist motorists patient patients pupil pupils tenant
tenants landlord landlady owner owners boss bosses manager managers aide aides ally allies confidant
confidante mum dad mother father brother sister cousin gran nan grandmother grandfather grandad
partner boyfriend girlfriend fiance fiancee fiancé fiancée widow widower stallholder stallholders
trader traders shopkeeper shopkeepers homeowner homeowners householder householders
""".split())
# Nobody's relative: bystanders without a name are anonymous sources ("locals said").
ANONYMOUS_WORDS = ANONYMOUS_WORDS | (_BYSTANDERS - frozenset(
    "mum dad mother father brother sister cousin gran nan grandmother grandfather grandad partner boyfriend "
    "girlfriend fiance fiancee fianc\u00e9 fianc\u00e9e widow widower landlord landlady owner owners boss bosses "
    "manager managers".split()))
SOURCE_NOUNS = OFFICIAL_WORDS | DOCUMENT_WORDS | ANONYMOUS_WORDS | _SINGULARS | _BYSTANDERS | frozenset(
    "agency news network company firm group organisation organization union association "
    "spokesperson researchers scientists doctors teachers parents family mother father "
    "wife husband son daughter campaigners activists protesters students victims".split()
)
