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
/* Spaces of a paragraph's first-line indent after which a label may stand ("    Mr. SMITH.
 * The committee..." in a hearing printed with indented paragraphs): 1 to 8; deeper is a
 * centred or a screenplay's name. */
#define TK_TH_PARA_INDENT_MAX 8
/* Lines opening with a printed line number counting up (a court transcript's 1 to 25 a page)
 * before the text is said to be numbered: 20, most of a page; and tenths of the non-blank
 * lines they must be: 6 (page headers and title lines are not numbered). */
#define TK_TH_LINE_NUMBERS_MIN 20
#define TK_TH_LINE_NUMBERS_TENTHS 6
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

/* Bytes of a transcript's heading in capitals over up to three lines ("STATEMENT OF JOHN DOE,
 * DIRECTOR, OFFICE OF ..."): 240, three centred lines of 80 columns. */
#define TK_TH_CAPS_HEADING_MAX_BYTES 240
/* Bytes of a screenplay's parenthetical under a speaker's name ("(sitting)", "(to Tommy,
 * quietly)"): 40; a longer line in parentheses is part of the speech (a song's aside). */
#define TK_TH_PARENTHETICAL_MAX_BYTES 40
/* Bytes of an unbracketed event of the proceedings ("The meeting rose at 4.05 p.m."): 160,
 * two lines; longer is a speech that opens with the same words. */
#define TK_TH_EVENT_MAX_BYTES 160

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
/* Qualifiers in parentheses after a name: two ("Mr. Dupont (France) (spoke in French):",
 * "Mr John Smith (Leeds North) (Lab):"); a third is rare enough to be text. */
#define TK_TH_LABEL_QUALIFIERS_MAX 2
/* Bytes of an office printed before its holder ("The Secretary of State for Transport (Ms
 * Jane Carter):"): 96, two label lengths; the longest ministerial titles run to about 90. */
#define TK_TH_LABEL_OFFICE_MAX_BYTES 96
/* Dots in a row (spaced or not) that make a dot leader, as a roster or a table of contents
 * prints between a name and its page or country: 5; an ellipsis has three or four. */
#define TK_TH_DOT_LEADER_MIN_DOTS 5
/* Bytes of a chat nickname ("<alice>"): 32; IRC servers allow 9 to 30. */
#define TK_TH_CHAT_NICK_MAX_BYTES 32
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
/* Paragraphs (page markers and Source lines apart) after a closing formula and a signature
   in the middle of a record that make another paper (an enclosure without a title): fewer
   are a postscript (one or two short paragraphs, as printed under a signature). */
#define TK_TH_ENCLOSED_MIN_PARAS 3
/* Bytes of text the first part of a paragraph broken mid-sentence (by a page break or a blank
   line) has at least: a shorter one is a heading or a label whose capitals were lost
   (`title iii` over `duties and rank`), not the start of a sentence cut by the page. */
#define TK_TH_JOIN_MIN_BYTES 40

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
/* Bytes of a paragraph's start searched for the first number of its numbered paragraphs
 * printed after a telegram's serial number or a salutation (`268. 1. Yesterday`, `Sir: (1)
 * In my last letter`): 40 (a serial number, `His No. 6.`, `My dear Mr. Secretary:`). */
#define TK_TH_LIST_GLUED_SCAN_BYTES 40
/* Spaces that separate two columns of a line typed as columns (a table of figures without
 * TABs, signature blocks side by side): 3 (two spaces end many a typed sentence). */
#define TK_TH_COLUMN_GAP_SPACES 3
/* Bytes of a line of a table typed with spaces (the width of a typed page and more): 200;
 * a longer line is prose. */
#define TK_TH_TABLE_ROW_MAX_BYTES 200
/* Bytes of the words of a TAB table's heading row that starts with a TAB (`<TAB>Poods
 * (Estimated)`): 60 (longer, it is an indented paragraph). */
#define TK_TH_TABLE_HEAD_MAX_BYTES 60
/* Paragraphs that may stand between an item whose marker stands alone on its line (`2.`,
 * then its text) and the next marker (`3.` alone) and still be that item's: 24 (such items
 * are sections: a draft treaty summed up article by article); 8 for other items. */
#define TK_TH_LONE_ITEM_MORE_MAX 24
/* Bytes of a capitalised word taken as the given name before a surname found alone
 * ("Caius Cassius"): 40 (no given name is longer; a longer run of letters is a code). */
#define TK_TH_NAME_WORD_MAX_BYTES 40
/* Bytes of a line's start searched for a place's dateline ("WASHINGTON, May 3"). */
#define TK_TH_PLACE_DATELINE_SCAN_BYTES 80

#endif
