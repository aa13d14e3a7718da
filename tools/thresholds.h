/* thresholds.h: the converter's heuristic thresholds, one named and commented constant each
 * (what it measures, its unit, why this value), so that tuning one is a change here.
 *
 * Each constant expands to the literal its caller used before (same value, same type), so
 * moving a number here changes no behaviour. A value that bounds a range has a _MIN and a
 * _MAX; tests/unit/test_thresholds.c checks that bounds are ordered and fractions are
 * fractions. The scoring weights of shape detection are a table of their own (`clues` in
 * shape.c); the evidence scales passed to its ratio() stay beside the clue they scale. */
#ifndef TK_THRESHOLDS_H
#define TK_THRESHOLDS_H

/* ---- shape detection (shape.c) ------------------------------------------------------- */

/* Bytes of input read to decide the shape: 2 MiB is far more than any play's cast list and
 * first scenes, and bounds the cost on a 6 MB file. */
#define TK_TH_SHAPE_SAMPLE_BYTES (2u << 20)
/* Spaces before an act/scene heading still taken as one ("  THE FIRST ACT", centred): 40
 * columns is half a typewritten line; deeper is indented text. */
#define TK_TH_PLAY_HEAD_MAX_INDENT 40
/* Length in bytes of an act/scene heading line (after the indent): longer is a sentence. */
#define TK_TH_PLAY_HEAD_MAX_BYTES 120
/* Bytes an "ACT I" heading may run on after its number ("ACT I. A room..." yes, "Act 1 of
 * the statute provides that ..." no): 60, about a short descriptive phrase. */
#define TK_TH_PLAY_ACT_TAIL_MAX_BYTES 60
/* Bytes of an unlabelled paragraph counted as prose (evidence against a transcript): 200,
 * about two lines, longer than any stage direction or caption. */
#define TK_TH_SHAPE_PROSE_MIN_BYTES 200
/* Labelled paragraphs needed before their density (labels over the span they cover) is
 * evidence: one label alone has no density. */
#define TK_TH_SHAPE_DENSITY_MIN_LABELS 2
/* Labelled paragraphs that make the label-count clue full: 20 turns are a transcript, two
 * signature-like lines are not. */
#define TK_TH_SHAPE_LABEL_COUNT_FULL 20
/* Times the same name must recur ("HAMLET." or "HAMLET" alone on a line) before those lines
 * count as a play's speeches: four, more than a letter's signatures. */
#define TK_TH_SHAPE_MIN_REPEATS 4
/* "Name<TAB>speech" rows needed before they are evidence (one tab is an accident). */
#define TK_TH_SHAPE_MIN_TAB_ROWS 2

/* ---- speaker labels (speakers.c) ------------------------------------------------------ */

/* Bytes of a speaker's name before its colon ("THE CHAIRMAN", "Voice of Trofimov"): 48 holds
 * the longest titled names of the hearings; longer is the start of a sentence. */
#define TK_TH_LABEL_MAX_BYTES 48
/* Words of a speaker's name in capitals: six ("THE HONORABLE JOHN F. KENNEDY, JR."). */
#define TK_TH_LABEL_MAX_WORDS 6
/* Words of a speaker's name in mixed case: four; "The committee then heard" is not one. */
#define TK_TH_LABEL_MIXED_MAX_WORDS 4
/* Bytes of a role in parentheses after the name ("Smith (interpreter):"): 32. */
#define TK_TH_LABEL_ROLE_MAX_BYTES 32
/* Words of a hearing's period-ended label ("Mr. SMITH.", "The CHAIRMAN."): a title word and
 * one to three names. */
#define TK_TH_HEARING_LABEL_MIN_WORDS 2
#define TK_TH_HEARING_LABEL_MAX_WORDS 4

/* ---- blocks (blocks.c, frontmatter.c, prose.c, plays.c) ------------------------------- */

/* Bytes of a dateline ("Washington, November 3, 1976."): 90, a place and a long date. */
#define TK_TH_DATELINE_MAX_BYTES 90
/* Bytes of a play speaker alone on its line: as a label's name (TK_TH_LABEL_MAX_BYTES). */
#define TK_TH_PLAY_SPEAKER_MAX_BYTES 48
/* Bytes of a heading line: at least 3 ("IV."), at most 140 (two typed lines' worth). */
#define TK_TH_HEADING_MIN_BYTES 3
#define TK_TH_HEADING_MAX_BYTES 140
/* Words and commas of a heading: more is a sentence or a list of names. */
#define TK_TH_HEADING_MAX_WORDS 12
#define TK_TH_HEADING_MAX_COMMAS 2
/* Tenths of a heading's longer words that are capitalised: 7 (title case allows "of the"). */
#define TK_TH_HEADING_CAPS_TENTHS 7
/* Bytes of a title line at the head of a document (a long treaty title may run to 300). */
#define TK_TH_TITLE_MAX_BYTES 300
/* Tenths of a title's longer words that are capitalised: 6, looser than a heading's since
 * titles carry more function words ("Memorandum of a Conversation between ..."). */
#define TK_TH_TITLE_CAPS_TENTHS 6

/* ---- letter furniture (records.c) ----------------------------------------------------- */

/* Bytes of a salutation ("My dear Mr. Secretary:"). */
#define TK_TH_SALUTATION_MAX_BYTES 60
/* Bytes of a closing ("I have the honor to be, Sir, your obedient servant,"). */
#define TK_TH_CLOSING_MAX_BYTES 200
/* Bytes of a "For the Secretary of State:" line. */
#define TK_TH_SIGNING_FOR_MAX_BYTES 80
/* Bytes of a signature line ("Cordell Hull"); longer is text. */
#define TK_TH_SIGNATURE_MAX_BYTES 50
/* Bytes of a signer's office line under the name (`Acting Secretary of the Navy`, 28); an
 * 80-column line is the longest a signature block sets. */
#define TK_TH_OFFICE_LINE_MAX_BYTES 80
/* Bytes of an outline heading ("III. Economic Questions"). */
#define TK_TH_OUTLINE_HEADING_MAX_BYTES 120
/* Bytes of a certification line ("True copy. Managua, April 3, 1894."). */
#define TK_TH_CERTIFICATION_MAX_BYTES 160

/* ---- captions (captions.c) ------------------------------------------------------------ */

/* Bytes of a <lang> cue tag's language: 35, the longest BCP 47 tag in common use. */
#define TK_TH_CAPTION_LANG_MAX_BYTES 35

/* ---- persons and places (persons.c, places.c) ----------------------------------------- */

/* Consecutive roster entries (names with initials, one a line) before they are a roster: a
 * run of two is as likely a signature block. */
#define TK_TH_ROSTER_MIN_ENTRIES 3
/* Surnames of earlier documents' persons found alone in one document (persons.c,
 * carry_surnames): 64 (a telegram names a handful; each costs a search of the document for
 * the word in lower case). */
#define TK_TH_CARRY_SURNAMES 64
/* Several earlier persons share a surname found alone (persons.c, surname_owner): the one
 * mentioned last names it when each other one was last mentioned this many documents before
 * it (8: a FRUS chapter's run of telegrams on one matter), ... */
#define TK_TH_SURNAME_FAR_DOCS 8
/* ... or has at most 1/this of its mentions so far (3: a person named in every telegram
 * against a clerk named once in a list). */
#define TK_TH_SURNAME_DOMINANT 3
/* Lines either side of a line opened by a roman numeral ("V. Until ...") searched for its
 * neighbour ("IV." or "VI.") before it is a list item, not an initial: 8 (blank lines and a
 * page marker between two items of a printed list). */
#define TK_TH_ROMAN_ITEM_REACH 8
/* Bytes of a capitalised word taken as the given name before a surname found alone
 * ("Caius Cassius"): 40 (no given name is longer; a longer run of letters is a code). */
#define TK_TH_NAME_WORD_MAX_BYTES 40
/* Bytes of a line's start searched for a place's dateline ("WASHINGTON, May 3"). */
#define TK_TH_PLACE_DATELINE_SCAN_BYTES 80

#endif
