"""Word lists: the vocabularies the name matching and the story reasoning use, as data in one place."""

# fmt: off
# words before a person's name that are no part of it, when names are compared across sources
HONORIFICS = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "president", "prime", "minister", "deputy",
    "general", "gen", "colonel", "col", "mayor", "governor", "senator", "sen", "chancellor", "premier",
    "king", "queen", "prince", "princess", "spokesman", "spokeswoman", "spokesperson", "the",
}
# titles dropped from the front of a name when entities of several sources are merged (in this order)
TITLES = ("mr", "mrs", "ms", "dr", "president", "prime minister", "minister", "the")
# small words an acronym skips ("Agence France-Presse" -> "AFP", "Bank of England" -> "BE")
ACRONYM_SKIPS = ("of", "the", "and", "for", "de")
# fmt: on
GENERIC = {"people", "person"}  # what a figure counts when it names nothing more
# a measure named without what it measures ('a 9% share', 'a change of 2%', 'up 30 points'): two reports
# of one say nothing about being the same quantity (whose share, a change of what)
BARE_MEASURES = {
    "share", "shares", "stake", "change", "rise", "fall", "increase", "decrease", "drop", "gain",
    "growth", "decline", "point", "points", "rate", "value", "price", "cost", "level", "figure",
    "number", "total", "amount", "percent", "per cent", "dollar", "dollars",
}  # fmt: skip

EVENTS = {  # verbs that report the same event in casualty and protest news
    "kill": "kill",
    "die": "kill",
    "eliminate": "kill",
    "slay": "kill",
    "murder": "kill",
    "injure": "injure",
    "wound": "injure",
    "hurt": "injure",
    "hospitalise": "hospitalise",
    "hospitalize": "hospitalise",
    "admit": "hospitalise",
    "arrest": "arrest",
    "detain": "arrest",
}

STOP = {  # words that say nothing about which event a statement reports
    "the", "a", "an", "of", "to", "in", "on", "and", "for", "by", "with", "at", "from", "has", "have",
    "had", "was", "were", "is", "are", "be", "been", "said", "also", "its", "their", "his", "her",
}  # fmt: skip

# the timeline (story/events.py): words that report rather than act, words that deny an action, and words
# that tell an action was done once more (two days are then two events, never one corrected date)
REPORTING = {"said", "says", "say", "stated", "states", "reported", "reports", "reportedly", "report",
             "according", "told", "added", "claimed"}  # fmt: skip
NEGATIONS = {"not", "never", "no", "denied", "denies", "deny", "denying"}
AGAIN = {"again", "resumed", "renewed", "another", "fresh", "second", "continued", "repeatedly"}
# news agencies, as sign-offs and credits name them ("(AFP, Reuters)", "— AP")
AGENCIES = (
    "AFP", "Reuters", "AP", "Associated Press", "The Associated Press", "dpa", "Xinhua", "TASS",
    "Interfax", "Anadolu", "Anadolu Agency", "EFE", "ANSA", "Kyodo", "Yonhap", "PTI", "ANI", "UPI",
    "Bernama", "Agence France-Presse", "Agence France Presse",
)  # fmt: skip
# picture agencies a photo credit names besides the news agencies ("(Jane Doe/Getty Images)")
PHOTO_AGENCIES = ("Getty Images", "Getty", "EPA", "EPA-EFE", "Shutterstock", "Alamy", "Pool", "Sipa", "ZUMA")

# words that leave a phrase open (articles, prepositions, conjunctions, auxiliaries, pronouns): a heading
# does not end on one (ingest/furniture.py). Not spaCy's STOP_WORDS, whose import loads spaCy on builds
# that need no model.
FUNCTION_WORDS = {
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "into", "onto", "over",
    "about", "after", "before", "against", "between", "through", "during", "without", "under", "as",
    "and", "or", "but", "nor", "so", "if", "than", "that", "which", "who", "whom", "whose", "when",
    "where", "while", "because", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had",
    "do", "does", "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must",
    "i", "we", "you", "he", "she", "it", "they", "me", "us", "him", "her", "them", "my", "our", "your",
    "his", "its", "their", "this", "these", "those", "not", "no", "very", "said", "says", "say",
}  # fmt: skip

# whose count a casualty figure is (story/figures.py): a counted thing or label word -> its scope. A figure
# naming none of these, but counting people (or attackers, protesters: everyone caught in the events),
# is 'everyone'; figures of two scopes are two quantities, even when the values look alike.
SCOPES = {
    **dict.fromkeys(
        ("police", "policeman", "policemen", "officer", "office", "security", "guard", "soldier", "troop",
         "serviceman", "servicemen", "personnel", "military", "army", "trooper", "gendarme", "peacekeeper"),
        "security forces",
    ),
    **dict.fromkeys(("civilian", "bystander", "child", "children", "student"), "civilians"),
}  # fmt: skip
EVERYONE = {"people", "person", "attacker", "assailant", "rioter", "protester", "demonstrator", "militant",
            "gunman", "looter", "victim", "resident"}  # fmt: skip
# counted things that name one thing in news ('five ex-Soviet states' / 'five former Soviet countries')
NOUNS = {"state": "country", "states": "country", "countries": "country", "nation": "country",
         "nations": "country"}  # fmt: skip
