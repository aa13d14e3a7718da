/* tk_names.h: the word tables of tools/names.c (persons.c reads them into hash sets). */
#ifndef TK_NAMES_H
#define TK_NAMES_H

typedef struct tk_title {
    const char *text; /* as printed before a name ("Mr.", "Madame") */
    char sex;         /* 'm', 'f', or 0 when the title does not tell */
} tk_title;

extern const char tk_given_male[];         /* space-separated, lower case */
extern const char tk_given_female[];
extern const char *const tk_nicknames[];  /* "short full full...", lower case */
extern const unsigned tk_n_nicknames;
extern const char tk_chinese_surnames[];  /* space-separated, lower case */
extern const tk_title tk_titles[];
extern const unsigned tk_n_titles;
extern const char tk_not_name_words[];     /* space-separated, lower case */
extern const char tk_institution_words[];  /* space-separated, lower case */
extern const char tk_role_labels[];        /* '|'-separated, lower case */
extern const char tk_office_words[];       /* space-separated, lower case */
extern const char tk_person_verbs[];       /* space-separated, lower case */

#endif
