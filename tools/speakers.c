/* speakers.c: the speaker-label grammar (where a line opens with a speaker's label, what the
 * label and the name are, whether the name is a role rather than a person), with its word
 * tables as data that a rules file extends (label-role, label-not, stage-cue). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tk_internal.h"

/* ------------------------------------------------------------------ word tables */

/* Roles: labels that name a part in the exchange, not a person. An entry ending in " *" also
 * matches any label that starts with its words ("UNIDENTIFIED MALE"). */
static const char *const builtin_roles[] = {
    "?", "??", "QUESTION", "QUESTIONS", "QUESTIONER", "PARTICIPANT", "MODERATOR", "AUDIENCE",
    "AUDIENCE MEMBER", "AUDIENCE *", "VOICE", "VOICES", "VOICE *", "UNIDENTIFIED",
    "UNIDENTIFIED *", "UNKNOWN", "UNKNOWN *", "UNK", "UKN", "SPEAKER", "ALL", "BOTH",
    "SEVERAL", "SEVERAL VOICES", "CROWD", "REPORTER", "REPORTERS", "INTERPRETER",
    "TRANSLATOR", "OPERATOR", "OFF-MIC", "OFF MIC", "NARRATOR", "HOST", "CO-HOST",
    "ANNOUNCER", "VIDEOGRAPHER", "THE VIDEOGRAPHER", "COURT REPORTER", "THE REPORTER",
    /* a house's members together, and the chair of a house ("Mr Speaker", an office) */
    "HON. MEMBERS", "SOME HON. MEMBERS", "AN HON. MEMBER", "HON. MEMBER",
    "MR SPEAKER", "MR. SPEAKER", "MADAM SPEAKER", "MR DEPUTY SPEAKER", "MADAM DEPUTY SPEAKER",
    /* offices of a sitting that pass from person to person */
    "THE PRESIDING OFFICER", "PRESIDING OFFICER", "THE PRESIDENT PRO TEMPORE",
    "THE ACTING PRESIDENT PRO TEMPORE", "THE SPEAKER PRO TEMPORE", "THE CLERK", "CLERK",
    "THE BAILIFF", "BAILIFF", "COMMITTEE SECRETARY", "COMMITTEE CLERK",
    /* a radio play's sound cues ("FX: A DOOR OPENS."): no one speaks */
    "FX", "SFX", "F/X", "SOUND", "SOUND EFFECT", "SOUND EFFECTS", "GRAMS", "ATMOS",
    /* segment markers of a recording ("**Break:** [17:11]"): no one speaks */
    "BREAK", "COMMERCIAL BREAK", "INTERMISSION", "MUSIC", "SEGMENT *",
};

/* Headings, roster and field labels that end in a colon but are never a speaker: a label
 * whose first word is one of these (ignoring case) is refused, and so is a whole label
 * equal to a letter's salutation. */
static const char *const builtin_not_labels[] = {
    "PARTICIPANTS", "PARTICIPANTS *", "PRESENT", "PRESENT *", "ABSENT", "ATTENDEES",
    "ATTENDANCE", "ATTENDING", "MEMBERS", "MEMBERS *", "AGENDA", "AGENDA *", "ITEM *",
    "ITEMS", "SUBJECT", "SUBJECTS", "TOPIC", "TOPICS", "RE", "REF", "NOTE", "NOTES", "NB",
    "FOOTNOTE", "FOOTNOTES", "ENDNOTES", "REFERENCES", "BIBLIOGRAPHY", "INDEX", "GLOSSARY",
    "SOURCE", "SOURCES", "ALSO *", "STAFF", "GUESTS", "OBSERVERS", "WITNESSES", "PANELISTS",
    "SPEAKERS", "CONTENTS", "SESSION *", "PART *", "CHAPTER *", "SECTION *", "APPENDIX *",
    "ENCLOSURE *", "ATTACHMENT *", "ANNEX *", "MINUTES", "SUMMARY", "DISTRIBUTION",
    "CLASSIFICATION", "LOCATION", "PLACE", "DATE", "TIME", "DATE AND TIME", "PROGRAM",
    "PROGRAMME", "SCHEDULE", "ACT *", "SCENE *", "END *", "CHARACTERS", "CHARACTERS *",
    "PERSONS *", "DRAMATIS *", "CAST", "CAST *", "TRANSCRIPT", "TRANSCRIPT *", "P.S.", "PS",
    "POSTSCRIPT", "ENCL", "CC OF *", "FROM THE *", "IN *", "ON *", "AT *", "FOR *",
    "THE FOLLOWING *", "FOLLOWING *", "WHEREAS", "RESOLVED",
    /* the header fields of recordings and their transcripts */
    "RECORDED", "RECORDED *", "RECORDING", "RECORDING *", "DURATION", "LENGTH", "RUNTIME",
    "TRANSCRIBED *", "TRANSCRIBER", "TRANSCRIPTION", "TRANSCRIPTION *", "LANGUAGE", "FILE",
    "FILENAME", "FILE NAME", "AUDIO", "AUDIO *", "VIDEO", "VIDEO *", "KEYWORDS", "TAGS",
    "TITLE", "CREATED", "MODIFIED", "UPDATED", "PUBLISHED", "BROADCAST", "AIRED",
    "INTERVIEW DATE", "INTERVIEW *", "COLLECTION", "ACCESSION *", "CALL NUMBER", "RIGHTS",
    "COPYRIGHT",
    /* a deposition's examination line: who asks the questions that follow ("BY MR. SMITH:") */
    "BY *",
    /* a screenplay's transitions */
    "FADE *", "CUT TO", "CUT TO BLACK", "SMASH CUT *", "MATCH CUT *", "DISSOLVE TO",
    "INTERCUT *", "BACK TO *", "CONTINUED", "CONT'D", "THE END",
    /* a letter's salutation */
    "SIR", "SIRS", "GENTLEMEN", "EXCELLENCY", "YOUR EXCELLENCY", "MADAM", "MADAME",
    "MONSIEUR", "DEAR SIR", "DEAR SIR *", "MY DEAR *", "DEAR *", "TO WHOM *",
};

/* Words that begin an unbracketed stage direction inside a play's speech. */
static const char *const builtin_stage_cues[] = {
    "Enter", "Exit", "Exeunt", "Re-enter", "Reenter", "Manet", "Manent", "Flourish", "Sennet",
    "Alarum", "Alarums", "Aside", "Knocking within", "Knock within", "Knocks",
    "A cry within", "Cry within", "Noise within", "Shout within", "Music", "Music plays",
    "Trumpets sound", "Trumpet sounds", "Sings", "Singing", "Reads", "Dies", "They fight",
    "They fight", "Fight", "Kneels", "Rises", "Weeps", "Laughs", "Retires", "Sits down",
    "Stabs", "Draws", "Embraces", "Kisses", "Whispers", "A pause", "Pause", "Thunder",
    "Thunder and lightning", "Bell rings", "Drum", "Drums", "March", "Sighs", "Yawns",
    "Listens", "Smiles", "Nods", "Curtain", "Clock strikes", "Cock crows", "Bell tolls",
    "Shout", "Shouts",
};

/* Words that open a paragraph of a transcript's proceedings, printed without brackets (a
 * verbatim record's "The meeting rose at 4.05 p.m.", a hearing's "Recess."): an event
 * between the turns when the paragraph is one short sentence. */
static const char *const builtin_events[] = {
    "The meeting was called to order", "The meeting rose", "The meeting was suspended",
    "The meeting was resumed", "The meeting resumed", "The meeting was adjourned",
    "The meeting adjourned", "The meeting was closed", "The sitting was opened",
    "The sitting was suspended", "The sitting was resumed", "The sitting rose",
    "The sitting was closed", "The session was opened", "The session was closed",
    "The agenda was adopted", "A vote was taken", "A recorded vote was taken",
    "The draft resolution was adopted", "The draft decision was adopted",
    "The House divided", "Question put", "The House adjourned", "Sitting suspended",
    "The committee recessed", "The committee adjourned", "The committee reconvened",
    "The Committee recessed", "The Committee adjourned", "The Committee reconvened",
    "The subcommittee recessed", "The subcommittee adjourned", "The hearing adjourned",
    "The hearing was adjourned", "The Court adjourned", "The jury retired",
    "The jury returned", "Whereupon", "Recess", "Brief recess", "Short recess",
    "The legislative clerk proceeded", "The assistant legislative clerk proceeded",
    "The bill clerk proceeded", "The clerk proceeded", "The clerk called the roll",
    "Luncheon recess", "Off the record", "Discussion off the record",
};

/* Titles and abbreviations whose period does not end a label ("Mr. Smith.", "Gen. Haig:"). */
static const char *const label_titles[] = {
    "Mr", "Mrs", "Ms", "Dr", "St", "Mme", "Mlle", "Sr", "Jr", "Prof", "Gen", "Col", "Capt",
    "Lt", "Sgt", "Adm", "Rev", "Hon", "Gov", "Sen", "Rep", "Amb", "Cdr", "Maj", "Messrs",
    "Cde", "Fr", "Mt", "Hr", "Mag", "Cmdr", "Brig", "Supt", "Insp", "Pres", "Sec", "Asst",
};

/* Words of address that open a member's name in a parliament's record ("Sir Peter Vane"),
 * besides the abbreviations of label_titles. */
static const char *const address_words[] = {"Sir", "Dame", "Lord", "Lady", "Miss", "Baroness",
                                            "Baron", "Earl", "Viscount", "Countess"};

/* Lower-case particles allowed between the capitalised words of a mixed-case name. */
static const char *const name_particles[] = {"de", "da", "di", "du", "van", "von", "der", "den",
                                             "le", "la", "bin", "ibn", "al", "el", "y", "of",
                                             "and" /* joint speakers: "Anna and Boris" */};

/* A phrase of a word table, measured once. */
typedef struct phrase {
    const char *w;
    size_t m;   /* bytes to compare (without a trailing " *") */
    int prefix; /* it ends in " *": any words may follow */
    int next;   /* next phrase of the same first letter, -1 none */
} phrase;

/* The word tables, and for each the phrases chained by first letter (lower case; chain 256:
 * the phrases with nothing to compare, " *"). */
struct tk_speakers {
    const char **words[TK_WORDS_COUNT];
    size_t n[TK_WORDS_COUNT];
    phrase *ph[TK_WORDS_COUNT];
    int first[TK_WORDS_COUNT][257];
};

/* Appends the n strings of v to kind k (pointers: v outlives the table). */
static int add_words(tk_speakers *g, int k, const char *const *v, size_t n)
{
    const char **w = tk_xrealloc(g->words[k], (g->n[k] + n) * sizeof *w);
    for (size_t i = 0; i < n; i++)
        w[g->n[k] + i] = v[i];
    g->words[k] = w;
    g->n[k] += n;
    return 0;
}

/* Measures the phrases of kind k and chains them by first letter (table order kept). */
static void index_words(tk_speakers *g, int k)
{
    g->ph[k] = tk_xcalloc(g->n[k] ? g->n[k] : 1, sizeof *g->ph[k]);
    for (int c = 0; c < 257; c++)
        g->first[k][c] = -1;
    for (size_t i = g->n[k]; i-- > 0;) {
        phrase *p = &g->ph[k][i];
        p->w = g->words[k][i];
        p->m = strlen(p->w);
        p->prefix = p->m >= 2 && p->w[p->m - 1] == '*' && p->w[p->m - 2] == ' ';
        if (p->prefix)
            p->m -= 2;
        int c = p->m > 0 ? tolower((unsigned char)p->w[0]) : 256;
        p->next = g->first[k][c];
        g->first[k][c] = (int)i;
    }
}

tk_speakers *tk_speakers_new(const tk_rules *rules)
{
    tk_speakers *g = tk_xcalloc(1, sizeof *g);
    static const char *const *const builtin[TK_WORDS_COUNT] = {
        builtin_roles, builtin_not_labels, builtin_stage_cues, builtin_events};
    static const size_t builtin_n[TK_WORDS_COUNT] = {
        sizeof builtin_roles / sizeof *builtin_roles,
        sizeof builtin_not_labels / sizeof *builtin_not_labels,
        sizeof builtin_stage_cues / sizeof *builtin_stage_cues,
        sizeof builtin_events / sizeof *builtin_events};
    for (int k = 0; k < TK_WORDS_COUNT; k++) {
        size_t n = 0;
        const char *const *user = rules != NULL ? tk_rules_words(rules, k, &n) : NULL;
        if ((n > 0 && add_words(g, k, user, n) != 0) ||
            add_words(g, k, builtin[k], builtin_n[k]) != 0) {
            tk_speakers_free(g);
            return NULL;
        }
        index_words(g, k);
    }
    return g;
}

void tk_speakers_free(tk_speakers *g)
{
    if (g == NULL)
        return;
    for (int k = 0; k < TK_WORDS_COUNT; k++) {
        free(g->words[k]);
        free(g->ph[k]);
    }
    free(g);
}

/* 1 when s[0..n) equals phrase (ignoring ASCII case), or starts with it followed by a space
 * when the phrase ends in " *" (any words after). */
static int phrase_matches(const phrase *p, const char *s, size_t n)
{
    if (n < p->m || strncasecmp(p->w, s, p->m) != 0)
        return 0;
    if (n == p->m)
        return 1;
    return p->prefix && s[p->m] == ' ';
}

int tk_speakers_word(const tk_speakers *g, int kind, const char *s, size_t n)
{
    /* only the phrases of the same first letter, and those with nothing to compare */
    if (n > 0)
        for (int i = g->first[kind][tolower((unsigned char)s[0])]; i >= 0; i = g->ph[kind][i].next)
            if (phrase_matches(&g->ph[kind][i], s, n))
                return 1;
    for (int i = g->first[kind][256]; i >= 0; i = g->ph[kind][i].next)
        if (phrase_matches(&g->ph[kind][i], s, n))
            return 1;
    return 0;
}

size_t tk_speakers_stage_cue(const tk_speakers *g, const char *s, size_t n)
{
    return tk_speakers_opening(g, TK_WORDS_STAGE, s, n);
}

size_t tk_speakers_opening(const tk_speakers *g, int kind, const char *s, size_t n)
{
    for (size_t i = 0; i < g->n[kind]; i++) {
        const char *w = g->words[kind][i];
        size_t m = strlen(w);
        if (n >= m && memcmp(w, s, m) == 0 &&
            (n == m || !isalpha((unsigned char)s[m])))
            return m;
    }
    return 0;
}

/* Length of the separator of joint speakers at s[i] (" and ", " AND ", " & ", ", "), 0 none. */
static size_t joint_sep(const char *s, size_t n, size_t i)
{
    static const char *const seps[] = {" and ", " AND ", " & ", ", ", ","};
    for (size_t k = 0; k < sizeof seps / sizeof *seps; k++) {
        size_t m = strlen(seps[k]);
        if (i + m <= n && memcmp(s + i, seps[k], m) == 0)
            return m;
    }
    return 0;
}

size_t tk_joint_parts(const char *s, size_t n, int by_words, size_t (*part)[2], size_t max)
{
    while (n > 0 && (s[n - 1] == '.' || s[n - 1] == ':' || s[n - 1] == ' '))
        n--;
    size_t got = 0, a = 0, seps = 0;
    for (size_t i = 0; i < n; i++)
        seps += joint_sep(s, n, i) > 0;
    for (size_t i = 0; i <= n && got < max;) {
        size_t m = i < n ? (seps ? joint_sep(s, n, i) : by_words && s[i] == ' ') : 1;
        if (m == 0) {
            i++;
            continue;
        }
        size_t e = i;
        while (a < e && s[a] == ' ')
            a++;
        for (size_t k = 0; k < 3; k++) { /* "Anna, Boris, and Carl": the last is Carl */
            static const char *const lead[] = {"and ", "AND ", "& "};
            size_t lm = strlen(lead[k]);
            if (e - a > lm && memcmp(s + a, lead[k], lm) == 0)
                a += lm;
        }
        while (e > a && s[e - 1] == ' ')
            e--;
        int word = (e - a == 3 && strncasecmp(s + a, "and", 3) == 0) || (e - a == 1 && s[a] == '&');
        if (e > a && !word) { /* ("WILFRID TAVISH, and": a conjunction alone is no name) */
            part[got][0] = a;
            part[got][1] = e;
            got++;
        }
        i += m;
        a = i;
    }
    return got;
}

/* Words of the verb and adverb shapes below that open no direction: emphasis ("_does_ not",
 * "_nothing_", "_really_"). */
static const char *const not_cues[] = {
    "does", "always", "perhaps", "sometimes", "yours", "hers", "ours", "theirs", "unless",
    "nevertheless", "nothing", "something", "anything", "everything", "being", "during",
    "morning", "evening", "thing", "bring", "string", "spring", "darling", "really", "simply",
    "surely", "certainly", "absolutely", "entirely", "utterly", "exactly", "perfectly",
    "lovely", "likely", "family", "nearly", "only", "truly", "wholly", "jolly", "silly"};

/* 1 when the stage-cue table (rules file, then built-in) has s[0..n) or a prefix of it
 * ending at a word end, ignoring the case of the first letter ("_laughs_" is "Laughs"). */
static int cue_any_case(const tk_rules *r, const char *s, size_t n)
{
    size_t nu = 0;
    const char *const *user = r != NULL ? tk_rules_words(r, TK_WORDS_STAGE, &nu) : NULL;
    for (size_t k = 0; k < nu + sizeof builtin_stage_cues / sizeof *builtin_stage_cues; k++) {
        const char *w = k < nu ? user[k] : builtin_stage_cues[k - nu];
        size_t m = strlen(w);
        if (m > 0 && n >= m && tolower((unsigned char)w[0]) == tolower((unsigned char)s[0]) &&
            memcmp(w + 1, s + 1, m - 1) == 0 && (n == m || !isalpha((unsigned char)s[m])))
            return 1;
    }
    return 0;
}

/* 1 when the word s[0..w) ends with suffix x. */
static int ends_in(const char *s, size_t w, const char *x)
{
    size_t m = strlen(x);
    return w >= m && memcmp(s + w - m, x, m) == 0;
}

int tk_italic_direction(const tk_rules *r, const char *s, size_t n, int clause_end)
{
    if (n == 0)
        return 0;
    size_t e = n; /* a sentence may end inside a quotation: '... answers: “Yes.”' */
    if (e >= 3 && memcmp(s + e - 3, "\xe2\x80\x9d", 3) == 0)
        e -= 3;
    else if (s[e - 1] == '"')
        e--;
    if (e > 0 && (s[e - 1] == '.' || (e < n && (s[e - 1] == '!' || s[e - 1] == '?'))) &&
        !(s[0] >= 'a' && s[0] <= 'z'))
        return 1; /* "_Smiling._", "_To the Porter, taking out her purse._" (not "_Who!_") */
    if (cue_any_case(r, s, n))
        return 1; /* "_laughs_", "_a pause_" */
    size_t w = 0;
    while (w < n && s[w] >= 'a' && s[w] <= 'z')
        w++;
    if (w < 4 || (w < n && s[w] != ' ' && s[w] != ','))
        return 0;
    for (size_t k = 0; k < sizeof not_cues / sizeof *not_cues; k++)
        if (s[0] == not_cues[k][0] && strlen(not_cues[k]) == w && memcmp(not_cues[k], s, w) == 0)
            return 0;
    int more = w < n; /* other words follow the first */
    /* a present-tense verb ("_puts her arm round Anya_", "_mutters_") or a participle
       ("_glancing at his watch_", "_coughing_"): alone only where a clause ends */
    if ((ends_in(s, w, "s") && !ends_in(s, w, "ss") && !ends_in(s, w, "us") &&
         !ends_in(s, w, "is")) ||
        (ends_in(s, w, "ing") && w >= 5))
        return more || clause_end;
    /* a manner adverb alone where a clause ends ("_dreamily_") */
    return !more && w >= 6 && ends_in(s, w, "ly") && clause_end;
}

/* ------------------------------------------------------------------ the grammar */

static int up(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static int low(unsigned char c) { return c >= 'a' && c <= 'z'; }
static int dig(unsigned char c) { return c >= '0' && c <= '9'; }

/* Length of a no-break space (U+00A0) at s, else 0. */
static size_t nbsp_at(const char *s, size_t n)
{
    return n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0 ? 2 : 0;
}

/* The gap after a label at s[i..n): spaces, tabs and no-break spaces. Returns its end;
 * *wide = 1 when it is two characters or more, or holds a tab or a no-break space; *tab = 1
 * when it starts with a tab; *nb_end = the end of its last no-break space (i when none). */
static size_t gap_end(const char *s, size_t i, size_t n, int *wide, int *tab, size_t *nb_end)
{
    size_t j = i, chars = 0, k;
    *wide = *tab = 0;
    *nb_end = i;
    if (j < n && s[j] == '\t')
        *tab = 1;
    while (j < n) {
        if (s[j] == ' ') {
            j++;
        } else if (s[j] == '\t') {
            *wide = 1;
            j++;
        } else if ((k = nbsp_at(s + j, n - j)) > 0) {
            *wide = 1;
            j += k;
            *nb_end = j;
        } else {
            break;
        }
        chars++;
    }
    if (chars >= 2)
        *wide = 1;
    return j;
}

/* A character inside a name word: letters, digits, . ' - _ & / and UTF-8 letters (not a
 * no-break space, not a dash or a quotation mark). */
static size_t name_char(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    if (isalnum(c) || c == '.' || c == '\'' || c == '-' || c == '_' || c == '&' || c == '/')
        return 1;
    if (c < 0x80 || nbsp_at(s, n))
        return 0;
    if (c == 0xE2 && n >= 3 && (unsigned char)s[1] == 0x80) {
        unsigned char d = (unsigned char)s[2];
        return d == 0x99 ? 3 : 0; /* ’ is an apostrophe; dashes and quotes end a name */
    }
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return len <= n ? len : 0;
}

static int is_title_word(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof label_titles / sizeof *label_titles; i++)
        if (n > 0 && ((unsigned char)s[0] | 0x20) == ((unsigned char)label_titles[i][0] | 0x20) &&
            strlen(label_titles[i]) == n && strncasecmp(label_titles[i], s, n) == 0)
            return 1;
    return 0;
}

/* 1 when the name s[0..n) opens with a title ("Mr Tom Reade", "Dr. Lee", "Sir Peter Vane"). */
static int titled(const char *s, size_t n)
{
    size_t w = 0;
    while (w < n && s[w] != ' ' && s[w] != '.')
        w++;
    if (w == n || is_title_word(s, w))
        return w < n;
    for (size_t i = 0; i < sizeof address_words / sizeof *address_words; i++)
        if (w > 0 && s[0] == address_words[i][0] && strlen(address_words[i]) == w &&
            memcmp(address_words[i], s, w) == 0)
            return 1;
    return 0;
}

static int is_particle(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof name_particles / sizeof *name_particles; i++)
        if (n > 0 && s[0] == name_particles[i][0] && strlen(name_particles[i]) == n &&
            memcmp(name_particles[i], s, n) == 0) /* (the first letter first) */
            return 1;
    return 0;
}

int tk_name_words(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t w = i;
        while (i < n && s[i] != ' ' && s[i] != '\t')
            i++;
        unsigned char c = (unsigned char)s[w];
        if (i > w && low(c) && !is_particle(s + w, i - w) && !(i - w == 3 && memcmp(s + w, "the", 3) == 0))
            return 0;
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
    }
    return 1;
}

/* Scans the words of a name from s[i]: returns the end of the name (before its terminator
 * or qualifier), 0 when no name starts at i. Sets *caps (no lower-case ASCII letter),
 * *words, *period_end (a '.' at the end that belongs to the name: an initial or a title). */
static size_t scan_name(const char *s, size_t i, size_t n, int *caps, size_t *words)
{
    size_t start = i;
    *caps = 1;
    *words = 0;
    if (i < n && s[i] == '?') { /* the unknown speaker "?" */
        while (i < n && s[i] == '?')
            i++;
        *words = 1;
        return i;
    }
    for (;;) {
        size_t w = i, k;
        unsigned char c = i < n ? (unsigned char)s[i] : 0;
        int particle = 0;
        if (!(up(c) || c >= 0x80 || (dig(c) && *words > 0))) {
            /* a lower-case particle between capitalised words ("Charles de Gaulle") */
            size_t e = i;
            while (e < n && low((unsigned char)s[e]))
                e++;
            if (c == '&' && *words > 0 && i + 1 < n && s[i + 1] == ' ') {
                i += 2; /* "DORA & PAUL": joint speakers */
                continue;
            }
            if (*words == 0 || e == i || e >= n || s[e] != ' ' || !is_particle(s + i, e - i))
                break;
            particle = 1;
        }
        if (c >= 0x80 && (nbsp_at(s + i, n - i) || name_char(s + i, n - i) < 2))
            break;
        while (i < n && (k = name_char(s + i, n - i)) > 0) {
            if (s[i] == '.') {
                /* a period ends the name unless it closes a title or an initial that more
                   words follow ("Mr. Smith", "J. Smith") */
                size_t wl = i - w;
                size_t sep = i + 1 < n && s[i + 1] == ' ' ? 1 : nbsp_at(s + i + 1, n - i - 1);
                int inner = (is_title_word(s + w, wl) || (wl == 1 && up((unsigned char)s[w]))) &&
                            sep > 0 && i + 1 + sep < n &&
                            (up((unsigned char)s[i + 1 + sep]) ||
                             (unsigned char)s[i + 1 + sep] >= 0xC0);
                if (*words == 0 && wl == 1 && (s[w] == 'Q' || s[w] == 'A'))
                    inner = 0; /* "Q. Where were you?": the question's label */
                int dotted = i + 1 < n && isalpha((unsigned char)s[i + 1]); /* "U.S." */
                if (!inner && !dotted)
                    break;
            }
            if (low((unsigned char)s[i]) && !particle)
                *caps = 0;
            i += k;
        }
        if (i == w)
            break;
        if (!particle)
            (*words)++;
        else
            *caps = 0;
        if (i - start > TK_TH_LABEL_MAX_BYTES || *words > TK_TH_LABEL_MAX_WORDS)
            return 0;
        /* one space (or a no-break space: "Mrs. Linde"), then another word */
        size_t sp = i < n && s[i] == ' ' ? 1 : i < n ? nbsp_at(s + i, n - i) : 0;
        size_t x = i + sp;
        if (sp > 0 && x < n && s[x] != ' ' && !nbsp_at(s + x, n - x) &&
            (up((unsigned char)s[x]) || (unsigned char)s[x] >= 0xC0 || dig((unsigned char)s[x]) ||
             low((unsigned char)s[x]) || (s[x] == '&' && x + 1 < n && s[x + 1] == ' '))) {
            /* look ahead: the next word must not be lower case unless a particle */
            size_t e = x;
            while (e < n && low((unsigned char)s[e]))
                e++;
            if (e > x && !(e < n && s[e] == ' ' && is_particle(s + x, e - x)))
                break;
            i = x;
            continue;
        }
        break;
    }
    if (*words == 0)
        return 0;
    /* no trailing particle: "Smith de" is no name */
    return i;
}

/* Words that open the label of a hearing or a deposition ("Mr. SMITH.", "The CHAIRMAN.",
 * "Senator BLAKE."), before a name in capitals. */
static const char *const hearing_titles[] = {
    "Mr.", "Mrs.", "Ms.", "Miss", "Dr.", "The", "Senator", "Representative", "Chairman",
    "Chairwoman", "Secretary", "General", "Admiral", "Ambassador", "Judge", "Justice",
    "Governor", "Mayor", "Professor", "Colonel", "Captain", "Commissioner", "Director"};

/* A label that a hearing or a deposition ends with a period: Q or A alone, or a title word and
 * a name in capitals ("Mr. SMITH", "The CHAIRMAN"). */
static int hearing_label(const char *s, size_t n, unsigned words, int caps)
{
    if (n == 1 && (s[0] == 'Q' || s[0] == 'A'))
        return 1;
    if (words < TK_TH_HEARING_LABEL_MIN_WORDS || words > TK_TH_HEARING_LABEL_MAX_WORDS || caps)
        return 0;
    size_t w = 0;
    while (w < n && s[w] != ' ')
        w++;
    int titled = 0;
    for (size_t i = 0; i < sizeof hearing_titles / sizeof *hearing_titles && !titled; i++)
        titled = strlen(hearing_titles[i]) == w && memcmp(hearing_titles[i], s, w) == 0;
    if (!titled)
        return 0;
    for (size_t i = w; i < n; i++) /* the rest in capitals */
        if (low((unsigned char)s[i]))
            return 0;
    return 1;
}

/* 1 when s[0..n) holds an ASCII letter or a non-ASCII character (a word, not numbers). */
static int has_letter(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (up((unsigned char)s[i]) || low((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80)
            return 1;
    return 0;
}

size_t tk_column_stamp(const char *s, size_t n, char *colon, size_t size)
{
    /* the largest value of each field after the first: days/hours/minutes/seconds, or
       hours/minutes/seconds */
    static const unsigned max_field[2][4] = {{0, 23, 59, 59}, {0, 59, 59, 0}};
    unsigned v[4];
    size_t i = 0, end = 0, k = 0, groups = 0;
    if (size < 16)
        return 0;
    while (groups < 4) {
        size_t a = i;
        unsigned x = 0;
        while (i < n && dig((unsigned char)s[i]) && i - a < 3)
            x = x * 10 + (unsigned)(s[i++] - '0');
        if (i == a || (i < n && dig((unsigned char)s[i])) || (groups > 0 && i - a != 2))
            break;
        v[groups++] = x;
        if (k > 0)
            colon[k++] = ':';
        memcpy(colon + k, s + a, i - a); /* at most 3 + 3 * 3 bytes in all */
        k += i - a;
        end = i;
        if (!(i < n && (s[i] == ' ' || s[i] == '\t')))
            break;
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
    }
    colon[k] = '\0';
    /* the stamp ends at a gap: "00 00 01 02 CDR", never inside a word or a number */
    if (groups < 3 || end >= n || !(s[end] == ' ' || s[end] == '\t'))
        return 0;
    for (size_t f = 1; f < groups; f++)
        if (v[f] > max_field[groups == 3][f])
            return 0;
    return end;
}

/* 1 when s[0..n) is a time alone ("0:03", "01:02:03", "12:01.5"), trailing blanks aside. */
static int time_only(const char *s, size_t n)
{
    size_t i = 0, digits = 0, colons = 0;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    for (; i < n; i++) {
        if (dig((unsigned char)s[i]))
            digits++;
        else if (s[i] == ':' && i > 0 && dig((unsigned char)s[i - 1]))
            colons++;
        else if (s[i] != '.')
            return 0;
    }
    return colons >= 1 && colons <= 3 && digits >= 3 && dig((unsigned char)s[n - 1]);
}

/* Qualifiers in parentheses from s[j] (after a name), or a time in square brackets: up to
 * TK_TH_LABEL_QUALIFIERS_MAX of them, each one space or none before it and at most
 * TK_TH_LABEL_ROLE_MAX_BYTES long.
 * Returns the end of the last (j when none); [*qa, *qe) is the inside of the first. */
static size_t qualifiers(const char *s, size_t j, size_t n, size_t *qa, size_t *qe)
{
    *qa = *qe = 0;
    for (int k = 0; k < TK_TH_LABEL_QUALIFIERS_MAX && j + 2 < n; k++) {
        size_t q = s[j] == ' ' ? j + 1 : j;
        if (q >= n || (s[q] != '(' && s[q] != '['))
            break;
        char close = s[q] == '(' ? ')' : ']';
        size_t e = q + 1;
        while (e < n && e - q < TK_TH_LABEL_ROLE_MAX_BYTES && s[e] != close && s[e] != s[q])
            e++;
        if (!(e < n && s[e] == close && e > q + 1))
            break;
        if (close == ']' && !time_only(s + q + 1, e - q - 1))
            break; /* in square brackets only a time: "JANE DOE [00:01:02]:" */
        if (k == 0)
            *qa = q + 1, *qe = e;
        j = e + 1;
    }
    return j;
}

/* 1 when s[a..e) is wholly a person's name: two words or more, or a title and a name
 * ("KAREN BELL", "Ms Jane Carter", "Mr. Doe"), not a place or a party ("France", "Lab"). */
static int person_in(const char *s, size_t a, size_t e)
{
    int caps;
    size_t words, end = scan_name(s, a, e, &caps, &words);
    if (end != e || words < 2)
        return 0;
    for (size_t k = a; k < e; k++) /* "(spoke in French)": no lower-case word in it */
        if (s[k] == ' ' && k + 1 < e && low((unsigned char)s[k + 1]))
            return 0;
    return 1;
}

/* Lower-case words an office's title is printed with ("Secretary of State for Transport"). */
static const char *const office_words[] = {"of", "for", "the", "and", "to", "at", "on", "in"};

/* An office and the person holding it, then a colon: "The Secretary of State for Transport
 * (Ms Jane Carter): ...". The office: capitalised words, the lower-case words of
 * office_words and commas, at most TK_TH_LABEL_OFFICE_MAX_BYTES; then qualifiers, the first
 * a person's name (person_in). Returns the end of the qualifiers (at the colon), the name in
 * [*qa, *qe); 0 when none. */
static size_t office_label(const char *s, size_t i, size_t n, size_t *qa, size_t *qe)
{
    size_t a = i, lower = 0;
    if (!(i < n && up((unsigned char)s[i])))
        return 0;
    while (i < n && s[i] != '(') {
        size_t w = i;
        while (i < n && (isalpha((unsigned char)s[i]) || s[i] == '-' || s[i] == '\'' ||
                         s[i] == '.'))
            i++;
        if (i == w || i - a > TK_TH_LABEL_OFFICE_MAX_BYTES)
            return 0;
        if (low((unsigned char)s[w])) {
            int known = 0;
            for (size_t k = 0; k < sizeof office_words / sizeof *office_words && !known; k++)
                known = strlen(office_words[k]) == i - w && memcmp(office_words[k], s + w, i - w) == 0;
            if (!known)
                return 0;
            lower++;
        }
        if (i < n && s[i] == ',')
            i++;
        if (!(i < n && s[i] == ' '))
            return 0;
        i++;
    }
    /* an office has a lower-case word ("Secretary of State"): else it is a name, read so */
    if (lower == 0 || i >= n)
        return 0;
    size_t j = qualifiers(s, i - 1, n, qa, qe);
    if (*qe <= *qa || !person_in(s, *qa, *qe) || j >= n || s[j] != ':')
        return 0;
    return j;
}

/* 1 when s[0..n) holds a dot leader (TK_TH_DOT_LEADER_MIN_DOTS dots or more, spaced or not,
 * then more text): a roster or a table of contents ("President:   Mr. Okafor . . . . . .
 * (Nigeria)"), not a speech; an ellipsis (". . .") is speech. */
static int dot_leader(const char *s, size_t n)
{
    for (const char *p = memchr(s, '.', n); p != NULL;) {
        size_t i = (size_t)(p - s), a = i, dots = 0;
        if (i + 1 < n && s[i + 1] == ' ') /* ". . . . ." */
            while (i + 1 < n && s[i] == '.' && s[i + 1] == ' ' && (i == a || s[i - 1] == ' '))
                dots++, i += 2;
        else /* "......" */
            while (i < n && s[i] == '.')
                dots++, i++;
        if (dots >= TK_TH_DOT_LEADER_MIN_DOTS && i < n)
            return 1;
        i = i > a ? i : a + 1;
        p = i < n ? memchr(s + i, '.', n - i) : NULL;
    }
    return 0;
}

/* A character of a chat nickname (IRC's letters, digits and "_-[]\\^{}|`."). */
static int nick_char(unsigned char c)
{
    return isalnum(c) || (c != 0 && strchr("_-[]\\^{}|`.", c) != NULL);
}

/* A chat log's label at s[i]: "<nick> text" (a mode sign may open the nick: "<@op>") or,
 * after a time, an action "* nick text". Fills *out as tk_speaker_label does. */
static int chat_label(const char *s, size_t i, size_t n, unsigned forms, tk_label *out)
{
    size_t a, e, t;
    if (!(forms & TK_LF_CHAT))
        return 0;
    if (s[i] == '<') {
        a = i + 1;
        if (a < n && strchr("@+%~&", s[a]) != NULL)
            a++;
        for (e = a; e < n && e - a < TK_TH_CHAT_NICK_MAX_BYTES && nick_char((unsigned char)s[e]); e++)
            ;
        if (e == a || e >= n || s[e] != '>' || !(e + 1 == n || s[e + 1] == ' '))
            return 0;
        t = e + 1;
        out->lab_len = t - i;
    } else {
        if (!(i + 2 < n && s[i + 1] == ' '))
            return 0;
        a = i + 2;
        for (e = a; e < n && e - a < TK_TH_CHAT_NICK_MAX_BYTES && nick_char((unsigned char)s[e]); e++)
            ;
        if (e == a || !(e == n || s[e] == ' '))
            return 0;
        t = e;
        out->lab_len = e - i;
    }
    while (t < n && s[t] == ' ')
        t++;
    out->lab_off = i;
    out->name_off = a;
    out->name_len = e - a;
    out->text_off = t;
    out->form = TK_LF_CHAT | (t >= n ? TK_LF_ALONE : 0);
    out->words = 1;
    for (size_t k = a; k < e; k++) /* caps: no lower-case letter */
        if (low((unsigned char)s[k]))
            return 1;
    out->caps = 1;
    return 1;
}

/* What tk_speaker_label has read of a line so far. */
typedef struct lab_scan {
    size_t i;         /* where the label (after a time, a number) begins */
    size_t lab;       /* the printed label's start */
    size_t mark;      /* bytes of markdown emphasis before the name */
    size_t name_off, name_end, words;
    size_t j;         /* after the name and its qualifiers */
    size_t qa, qe;    /* the last qualifier's text */
    size_t term;      /* end of the label as printed */
    size_t t, nb_end; /* the text after the gap; the no-break spaces' end */
    int stamped;      /* a time in columns stands before the label */
    int bracketed;    /* a time in brackets stands before it */
    int numbered, caps, wide, tab, alone;
    unsigned form;
} lab_scan;

/* A time before the label: "[00:12:34] NAME:" or in columns "00 00 01 02 CDR  text". Sets
 * L->i after it; 0 when a bracket opens the line and no time follows. */
static int time_before(const char *s, size_t n, lab_scan *L)
{
    /* "[00:12:34] NAME:" - a timestamp before the label */
    if (s[0] == '[') {
        size_t j = 1;
        while (j < n && (dig((unsigned char)s[j]) || s[j] == ':' || s[j] == '-' || s[j] == '.'))
            j++;
        if (!(j < n && s[j] == ']' && j + 1 < n && s[j + 1] == ' ' && j >= 4))
            return 0;
        L->i = j + 2;
        L->bracketed = 1;
    } else if (dig((unsigned char)s[0])) {
        /* "00 00 01 02 CDR       text" - a time in columns before the label */
        char colon[24];
        size_t j = tk_column_stamp(s, n, colon, sizeof colon);
        while (j > 0 && j < n && (s[j] == ' ' || s[j] == '\t'))
            j++;
        L->i = j; /* 0 when none: a label may begin with a digit */
        L->stamped = j > 0;
    }
    return 1;
}

/* The name at L->i, its qualifiers, and the person a role or an office names: 0 when no
 * name stands there. */
static int name_at(const tk_speakers *g, const char *s, size_t n, lab_scan *L)
{
    size_t i = L->i;
    /* markdown emphasis around the label: **Name:** or __Name:__ */
    if (i + 2 < n && (s[i] == '*' || s[i] == '_') && s[i + 1] == s[i])
        L->mark = 2, i += 2;
    int caps; /* the helpers write these by pointer, so that L stays in registers */
    size_t words, qa, qe;
    L->name_end = scan_name(s, i, n, &caps, &words);
    if (L->name_end == 0)
        return 0;
    L->caps = caps;
    L->words = words;
    L->name_off = i;
    /* qualifiers in parentheses: "CDR (EVA):", "Mr. Dupont (France) (spoke in French):" */
    L->j = qualifiers(s, L->name_end, n, &qa, &qe);
    L->qa = qa;
    L->qe = qe;
    size_t office = 0;
    if (L->qe > L->qa && tk_speakers_word(g, TK_WORDS_ROLE, s + L->name_off, L->name_end - L->name_off) &&
        person_in(s, L->qa, L->qe)) {
        /* a role and the person in it: "HOST (KAREN BELL):" is Karen Bell */
        L->name_off = L->qa;
        L->name_end = L->qe;
        L->caps = 1;
        for (size_t k = L->qa; k < L->qe; k++)
            L->caps &= !low((unsigned char)s[k]);
    } else if (!L->mark && !(L->j < n && s[L->j] == ':') &&
               (office = office_label(s, i, n, &qa, &qe)) > 0) {
        /* an office and its holder: "The Secretary of State for Transport (Ms Jane Carter):" */
        L->name_off = qa;
        L->name_end = qe;
        L->j = office;
        L->caps = 0;
        L->words = 2;
    }
    L->qa = qa; /* office_label sets them even when it finds no office */
    L->qe = qe;
    return 1;
}

/* A table row: the cell before a tab is the name, whatever its words ("Voice of
 * Trofimov"), when it is short and no sentence. */
static void table_cell(const char *s, size_t n, lab_scan *L)
{
    if (L->j < n && s[L->j] != '\t' && !L->mark) {
        size_t lim = n - L->name_off < TK_TH_LABEL_MAX_BYTES ? n - L->name_off : TK_TH_LABEL_MAX_BYTES;
        const char *tb = memchr(s + L->name_off, '\t', lim);
        if (tb != NULL) {
            size_t e = (size_t)(tb - s), k = L->name_off;
            while (k < e && strchr(":;!?,", s[k]) == NULL)
                k++;
            if (k == e) {
                L->name_end = L->j = e;
                int caps = 0;
                for (k = L->name_off; k < e && caps == 0; k++)
                    caps = low((unsigned char)s[k]) ? -1 : 0;
                L->caps = caps == 0;
            }
        }
    }
}

/* What ends the label (a colon, a period, a tab, spaces) and the closing emphasis: sets
 * L->form and L->term; 0 when nothing ends it. */
static int terminator(const char *s, size_t n, lab_scan *L)
{
    size_t j = L->j, lab = L->lab;
    if (L->mark && j + 1 < n && s[j] == s[lab] && s[j + 1] == s[lab] && j + 2 < n && s[j + 2] == ':')
        L->j = j += 2; /* **Name**: */
    L->term = j; /* end of the label as printed */
    if (j < n && s[j] == ':') {
        L->form = TK_LF_COLON;
        L->term = j + 1;
    } else if (j < n && s[j] == '.' && (j == L->name_end || (L->caps && L->qe > L->qa))) {
        /* ("ANNA (allein). Immer dasselbe.": a qualifier before the period, in capitals) */
        L->form = TK_LF_PERIOD;
        L->term = j + 1;
    } else if (j < n && s[j] == '\t' && !L->mark) {
        L->form = TK_LF_TAB;
    } else if (j == n || (j < n && (s[j] == ' ' || nbsp_at(s + j, n - j)))) {
        L->form = TK_LF_SPACED; /* decided by the gap below */
    } else {
        return 0;
    }
    if (L->mark) { /* the closing emphasis */
        if (L->term + 1 < n && s[L->term] == s[lab] && s[L->term + 1] == s[lab])
            L->term += 2;
        else if (!(j >= 2 && s[j - 1] == s[lab] && s[j - 2] == s[lab]))
            return 0;
    }
    return 1;
}

/* The gap after the label and the text after it; a label without a terminator is one when
 * the gap is wide or it stands alone. 0 when no gap follows. */
static int gap_after(const char *s, size_t n, lab_scan *L)
{
    int wide, tab;
    size_t nb_end;
    L->t = gap_end(s, L->term, n, &wide, &tab, &nb_end);
    L->wide = wide;
    L->tab = tab;
    L->nb_end = nb_end;
    L->alone = L->t >= n;
    if (!L->alone && L->t == L->term)
        return 0; /* "NAME:text" - no gap */
    if (L->form == TK_LF_SPACED) {
        /* no terminator: a wide gap after an ALL-CAPS label or Q/A, or alone on its line;
           a name and a time alone on the line, the speech under it ("Jane Doe  0:03", an
           automatic transcript's heading of a turn): the time is part of the label */
        if (L->mark)
            return 0;
        if (L->alone)
            L->form = TK_LF_BARE;
        else if (L->wide && time_only(s + L->t, n - L->t))
            L->term = L->t = n, L->alone = 1;
        else if (!L->wide || !L->caps)
            return 0;
    }
    if (L->form == TK_LF_TAB)
        L->wide = 1;
    return 1;
}

/* The label found, is it one the caller accepts and no number, heading, roster or
 * salutation? */
static int label_allowed(const tk_speakers *g, const char *s, size_t n, unsigned forms,
                         lab_scan *L)
{
    /* after a time in columns, words are spoken: a row of numbers ("10 20 30 TOTAL   60")
       is a table's */
    if (L->stamped && !has_letter(s + L->t, n - L->t))
        return 0;
    if (L->numbered && !(L->form == TK_LF_COLON && L->qe > L->qa && !L->alone &&
                         titled(s + L->name_off, L->name_end - L->name_off)))
        return 0;
    if (L->alone)
        L->form |= TK_LF_ALONE;
    if (!(forms & (L->form & ~TK_LF_ALONE)) || ((L->form & TK_LF_ALONE) && !(forms & TK_LF_ALONE)))
        return 0;
    /* mixed-case names: at most 4 words; every label: no heading, roster or salutation */
    size_t nlen = L->name_end - L->name_off;
    if (!L->caps && L->words > TK_TH_LABEL_MIXED_MAX_WORDS)
        return 0;
    if (tk_speakers_word(g, TK_WORDS_NOT_LABEL, s + L->name_off, nlen))
        return 0;
    /* "ITEM 1." and "2." are numbering, not names */
    for (size_t k = L->name_off; k + 1 < L->name_end; k++)
        if (dig((unsigned char)s[k]) && (s[k + 1] == '.' || s[k + 1] == ')'))
            return 0;
    /* a roster or a table of contents: "President:   Mr. Okafor . . . . (Nigeria)" */
    if (!L->alone && dot_leader(s + L->t, n - L->t))
        return 0;
    return 1;
}

int tk_speaker_label(const tk_speakers *g, const char *s, size_t n, unsigned forms,
                     tk_label *out)
{
    lab_scan L; /* each step sets the fields it reads after these */
    memset(out, 0, sizeof *out);
    L.i = L.mark = 0;
    L.stamped = L.bracketed = L.numbered = 0;
    if (n == 0 || s[0] == ' ' || s[0] == '\t')
        return 0;
    if (!time_before(s, n, &L))
        return 0;
    size_t i = L.i;
    L.lab = i;
    /* a question's number before the label of a parliament's member ("1. Mr John Smith (Leeds
       North) (Lab): What steps ..."): kept in the printed label, the name after it; only
       with a qualifier and a colon (below), or it is a list's item */
    if (i == 0 && dig((unsigned char)s[0])) {
        size_t d = 0;
        while (d < n && d < 4 && dig((unsigned char)s[d]))
            d++;
        if (d + 2 < n && s[d] == '.' && s[d + 1] == ' ' && up((unsigned char)s[d + 2]))
            i = d + 2, L.numbered = 1;
    }
    if (i < n && (s[i] == '<' || (s[i] == '*' && (L.stamped || L.bracketed))))
        return chat_label(s, i, n, forms, out);
    L.i = i;
    if (!name_at(g, s, n, &L))
        return 0;
    table_cell(s, n, &L);
    if (!terminator(s, n, &L) || !gap_after(s, n, &L) || !label_allowed(g, s, n, forms, &L))
        return 0;
    /* the printed label takes the no-break spaces that follow it (text as printed) */
    if (L.nb_end > L.term)
        L.term = L.nb_end;
    size_t nlen = L.name_end - L.name_off;
    out->lab_off = L.lab;
    out->lab_len = L.term - L.lab;
    out->name_off = L.name_off;
    out->name_len = nlen;
    out->text_off = L.t;
    out->form = L.form;
    out->caps = L.caps;
    out->words = (unsigned)L.words;
    out->role = tk_speakers_word(g, TK_WORDS_ROLE, s + L.name_off, nlen);
    out->wide = L.wide;
    out->hearing = hearing_label(s + L.name_off, nlen, (unsigned)L.words, L.caps);
    return 1;
}
