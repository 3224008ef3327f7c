"""English: questions about Indonesian articles, answered across languages."""

from qa.languages.pack import AnswerKind, LanguagePack

STOPWORDS = """
    the a an of to in on at for by with from and or but is are was were be been being this that
    these those it its as into about than then there their them they he she his her we our you
    your i me my what who whom whose which when where why how did do does done has have had
    not no so if can could would should will shall may might must
"""
QUESTION_WORDS = "what who whom whose which when where why how"

# An English question often names the kind of answer through a noun ("which month", "how
# heavy", "which athlete") where Indonesian has its question word.
_PEOPLE = (r"leader|athlete|official|minister|president|player|person|man|woman|officer|"
           r"director|chairman|chairwoman|chief|governor|mayor|spokesman|spokeswoman|"
           r"spokesperson|scientist|researcher|runner|coach|singer|actor|actress|artist|writer|"
           r"author|candidate|politician|commander|judge|lawyer|suspect|victim|expert|"
           r"analyst|economist|member|boss|manager|activist|soldier|student|doctor|"
           r"swimmer|gymnast|thrower|walker|jumper|cyclist|boxer|musician|citizen|"
           r"sister|brother|wife|husband|son|daughter|mother|father|founder|owner|"
           r"general(?!\s+(?:election|hospital|assembly|meeting|session|court))")
# A few words between "which" and the person: "which 1,500 metres runner", "which women's
# hammer thrower", "what is the name of the Filipino athlete". Not across a verb or a relative
# ("which club did the player join", "the company whose owner"), a clause's comma, or a second
# noun phrase ("the name of the book the author wrote").
_BEFORE_PERSON = (r"(?:(?:the|a|an) )?"
                  r"(?:(?!(?:did|does|do|was|were|is|are|has|have|had|whose|that|who|which|"
                  r"the|a|an)\b)(?:\d[\d,.]*|[\w-]+(?:['’]s)?) ){0,3}")
_PERSON_NOUN = rf"{_BEFORE_PERSON}(?:{_PEOPLE})s?(?!['’])"  # not a possessive: "president's"
# What a number measures: "what temperature", "what is the average surface temperature".
_MEASURES = (r"number|amount|population|value|cost|price|size|budget|percentage|proportion|"
             r"share|rate|temperature|speed|height|depth|length|distance|weight|age|"
             r"capitali[sz]ation|turnover|revenue|income|death toll|elevation|altitude|capacity")
# ", which is ..." opens a relative clause: that "which" is not the question word, nor is a
# ", which" that another question word follows ("The dam, which the president inaugurated, is
# in which province?").
_WHICH = (r"(?!(?<=, )which\s+(?:is|was|are|were|has|have|had|will|would|can|could)\b)"
          rf"(?!(?<=, )which\b(?=.*\b(?:{'|'.join(sorted(QUESTION_WORDS.split()))})\b))which")

PACK = LanguagePack(
    code="en",
    name="English",
    stopwords=STOPWORDS,
    markers="""
        the what who whom whose which when where why how did does do is are was were of
        in to for by with from and or has have had many much
    """,
    question_words=QUESTION_WORDS,
    question_word_patterns={"which": _WHICH},
    not_names="What Who Whom Whose When Where Why How Which Did Does Do Is Are Was Were And But "
              "The A An",
    # "tell X", "warn X": the person addressed is the verb's object.
    recipient_markers="""
        to tell told tells telling ask asked asks warn warned warns inform informed informs urge
        urged urges remind reminded assure assured promise promised give gave gives send sent
        sends
    """,
    recipient_word="to",
    speech_verbs="""
        say said says tell told tells warn warned warns reply replied replies answer answered
        answers respond responded responds remind reminded reminds speak spoke speaks talk talked
    """,
    speaker_after="",
    attributions="said says",
    speech_content="that about regarding",
    reply_words="back reply replied respond responded",
    anaphora="it that this he she they him her them there then his their its those these",
    person_subjects="he she",
    person_objects="him her",
    person_passive=r"\b(?:was|were|been)\s+(?:\w+\s+)?(?:told|asked|warned)\b",
    followup_openers=("and", "but", "so", "then", "also", "what about", "how about"),
    # "it" is left out: "Where did most of it come from?" points at a thing, not the last quote.
    refers_back="that",
    asks_more=r"\b(?:what|who|where|anything|anyone|something)\s+else\b|\bwhat\s+other\b|"
              r"\bwhat\s+more\b",
    months=("January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"),
    month_abbreviations=("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
                         "Nov", "Dec"),
    units=("million", "billion", "thousand", "percent", "people", "tons", "years", "days"),
    cue_words="the is was by in at of",
    not_heads="name",
    cause_words="because due caused causes cause owing reason",
    cause_nouns="cause causes reason",
    effect_words="resulted resulting consequently therefore causing",
    kind_patterns={
        AnswerKind.DATE: r"\b(when|what year|which year|what date|on what day|since when|"
                         r"(?:what|which) (?:day|month|date|years)|during which years?|"
                         r"date of birth|birth ?date)\b",
        AnswerKind.DURATION: r"\b(how long)\b",
        AnswerKind.NUMBER: (
            r"\b(how many|how much|how long|how far|how old|"
            r"how (?:heavy|big|large|tall|high|deep|wide|fast|often|severe)|"
            rf"(?:at )?what (?:(?!(?:is|was|are|were|does|did|do)\b)\w+ )?(?:{_MEASURES})|"
            r"what time|personal best|"
            # "What is the average surface temperature", "What was the market capitalisation";
            # "the area of Padang" is a size, "what area" alone is a place.
            r"what (?:is|was|are|were) (?:the |[\w-]+['’]s )(?:[\w-]+ ){0,2}"
            rf"(?:{_MEASURES}|(?:area|width) of)s?)\b"),
        AnswerKind.PLACE: (
            r"\b(where|in which (city|country|province|region|district|place)|"
            # Not "state-owned" (a company), not "what place" (a ranking).
            rf"(?:{_WHICH}|what) (?:city|country|province|region|district|island|village|town|"
            r"regency|area|state|venue)s?(?!-)|what (?:is|was) the capital(?: city)? of)\b"),
        AnswerKind.PERSON: (
            rf"\b(who|whom|whose|{_WHICH} {_PERSON_NOUN}|"
            rf"what (?:is|was|are|were) the names? of {_PERSON_NOUN}|full name)\b"),
        AnswerKind.REASON: (
            r"\b(why|how come|for what reason|on what grounds|"
            r"what (?:caused|causes|made|led|pushed|drove)|(?:die|died|dies) of)\b"),
        # "What did X lead to", with a subject between: "what could lead to a ceasefire" and
        # "what has led to rising prices" ask for a cause (REASON's "what led" or no kind).
        AnswerKind.CONSEQUENCE: (
            r"\b(what (?:did|does|do|will|would|could|might) (?!lead\b|result\b)"
            r"(?:[\w'’-]+\W+){1,8}?(?:do to|lead to|mean for|result in)|"
            r"what (?:is|was|were|are|will be|would be) the "
            r"(?:effects?|impacts?|consequences?)|"
            r"what (?:would|will|could|might) happen|what happens if)\b"),
        AnswerKind.ENTITY: (
            rf"\b({_WHICH}|what is the name|what was the name|what's the name|"
            r"what (organi[sz]ation|company|group|party|agency))\b|"
            r"\b(?:what|which) (?:term|title|name)\b"),
    },
    # Read for English questions only, after every language's patterns: an English title inside
    # an Indonesian question must not decide. "What is the scientific name of ...", "What is
    # the pact called?", "What disease ...": a named thing, as "apa nama", "penyakit apa" ask.
    own_kind_patterns={
        AnswerKind.ENTITY: (
            r"\bwhat(?:['’]s| is| was| are| were) the (?:\w+ )?(?:name|title|term)s?\b|"
            r"\bwhat\b.*\b(?:called\s*\??\s*$|renamed\b)|"
            r"\bwhat (?:do|does|did)\b.*\bcall\b(?!\s+(?:for|on|off|up)\b)|"
            r"\bwhat (?!(?:is|was|are|were|did|does|do|has|have|had|will|would|can|could|"
            r"should|must|may|might|shall|else|about|if|according|happens?|happened|causes?|"
            r"caused|makes?|made|led|prompted)\b)[a-z]+\b"),
    },
    abbreviations="""
        mr mrs ms messrs jr sr gen col lt sgt capt cmdr adm gov sen rep pres rev hon
        inc ltd co corp bros dept univ assn est approx vs etc e.g i.e al cf ca fig vol ed eds
        jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
        u.s u.k u.n p.m a.m
    """,
    abstain_text="The articles do not seem to answer this. The closest passages are listed below.",
    # Calibrated by benchmarks/answers.py; cross-lingual similarities run lower than Indonesian's.
    abstain_below=0.8363,
    labels={"no_answer": "No answer found in the articles.", "nearest": "Nearest passages:",
            "source": "Source:", "sources": "Sources:", "low": "Low confidence: check the source "
            "below.", "chunk": "chunk", "searching": "Searching the articles…"},
    llm_name="English",
)
