<?xml version="1.0" encoding="UTF-8"?>
<!-- common.xsl: what the HTML and the text stylesheets share: parameters, keys, the numbering
     of notes and person mentions (one linear pass, looked up by key), which notes are footnotes
     in which view, the printed form of brackets and spoken events, and the header metadata.

     Views (parameter `view`):
       diplomatic  as the source had it: ex, supplied and inline notes in [ ], sic with its
                   [sic ...] note, speaker labels as printed, footnote numbers as printed;
       normalized  corrections and expansions applied, brackets gone, notes as footnotes
                   numbered 1, 2, 3 ... in reading order.
     See docs/render.md for the element-by-element table. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:exsl="http://exslt.org/common"
    xmlns:str="http://exslt.org/strings"
    xmlns:tk="urn:x-teikit:render"
    exclude-result-prefixes="tei exsl str tk"
    extension-element-prefixes="exsl">

  <!-- ============================================================ parameters -->
  <xsl:param name="view" select="'diplomatic'"/>
  <!-- 1: list the persons (always in HTML; text: only when asked) -->
  <xsl:param name="persons" select="'0'"/>

  <xsl:variable name="tk-dipl" select="$view != 'normalized'"/>
  <!-- A document teikit converted follows teikit's encoding (docs/convert.md): there a pb or
       milestone without @rend is a `_unit : n` metadata line of the transcript and
       note[@type='comment'] a `# text` comment line; the diplomatic view prints them as such. -->
  <xsl:variable name="tk-ours" select="boolean((/tei:TEI | /tei:teiCorpus | /tei:teiCorpus/tei:TEI)/tei:teiHeader/tei:encodingDesc/tei:appInfo/tei:application[@ident='teikit'])"/>
  <xsl:variable name="tk-keylines" select="$tk-dipl and $tk-ours"/>

  <!-- ================================================================= scope -->
  <!-- The texts to render: each outermost tei:text; a document without one (not TEI, or a
       bare teiHeader) is rendered whole so that no text is lost. -->
  <xsl:variable name="tk-texts-tei" select="(//tei:text)[not(ancestor::tei:text)]"/>
  <xsl:variable name="tk-texts" select="$tk-texts-tei | /*[not($tk-texts-tei)]"/>
  <xsl:variable name="tk-root" select="/"/>
  <xsl:variable name="tk-header" select="(/tei:TEI/tei:teiHeader | /tei:teiCorpus/tei:teiHeader | /tei:teiHeader)[1]"/>

  <!-- ========================================================== classification -->
  <!-- Block-level TEI elements (leaves or containers of other blocks). -->
  <xsl:variable name="tk-blocks" select="' p ab head l lg item list label stage speaker sp spGrp dateline salute signed byline docImprint docTitle titlePart docAuthor docDate trailer opener closer postscript epigraph argument quote cit bibl listBibl table row figure castList castGroup castItem div div1 div2 div3 div4 div5 div6 div7 body front back group text titlePage floatingText u sourceDoc surfaceGrp surface zone line entry entryFree superEntry '"/>
  <!-- Blocks that get a space on either side when they occur inside running text (a list in
       a paragraph, paragraphs in a note). -->
  <xsl:variable name="tk-spaced" select="' p ab l lg item list head stage table row cell sp u speaker dateline signed salute closer opener trailer byline label '"/>

  <!-- Elements that never run into a neighbouring element: a space goes between them
       (<cit><quote>...</quote><bibl>...</bibl></cit>). -->
  <xsl:variable name="tk-apart" select="' quote bibl cit q said ref label lem rdg reg orig seg w name persName placeName orgName date num term title foreign forename surname addName roleName genName nameLink role roleDesc actor '"/>

  <!-- A space before the context element when it directly follows another element (no text
       between) and both are words of their own. -->
  <!-- The second reading of a substitution (<del>Kritik</del><add>Notiz</add>) is a word of
       its own when the substitution starts a word or its first reading is several words; a
       letter changed inside a word (dell<del>a</del><add>e</add>) stays in the word. -->
  <xsl:template name="tk-apart-space">
    <!-- [1] as the last predicate of its step: libxml2 then stops at the first sibling
         (preceding-sibling::node()[1][self::*] would collect every preceding sibling,
         quadratic in a paragraph of 40,000 segs); every case below needs an element right
         before this one -->
    <xsl:variable name="prev" select="(preceding-sibling::node()[1])[self::*]"/>
    <xsl:if test="$prev">
      <xsl:if test="(self::tei:add or parent::tei:subst) and $prev[self::tei:del or parent::tei:subst]">
        <!-- the substitution starts a word when what stands before it is no letter -->
        <xsl:variable name="w" select="parent::tei:subst | $prev[not(current()/parent::tei:subst)]"/>
        <xsl:variable name="before" select="$w/preceding-sibling::node()[1]"/>
        <xsl:variable name="start" select="not($before[self::text()]) or normalize-space(substring($before, string-length($before))) = ''"/>
        <xsl:if test="$start or contains(normalize-space(), ' ')"><xsl:text> </xsl:text></xsl:if>
      </xsl:if>
      <xsl:if test="contains($tk-apart, concat(' ', local-name(), ' ')) and contains($tk-apart, concat(' ', local-name($prev), ' '))"><xsl:text> </xsl:text></xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- (Kept for other stylesheets; these use id(), which the parser's table of xml:ids answers:
       libxslt builds every key of a stylesheet over the whole document at the first key()
       call, and for the result tree fragment it is called from.) -->
  <xsl:key name="tk-when" match="tei:when" use="@xml:id"/>
  <xsl:key name="tk-person" match="tei:person" use="@xml:id"/>
  <!-- All notes of the text. A note
       printed where it stands in the diplomatic view ("inline note") is one with
       @place='inline' ([Soviet China specialist], [sic], [?]) or a foot note that no marker
       used (@type='unanchored': "[n] text" where the converter found it). -->
  <!-- (selected from the root, not as $tk-texts//x: from many texts, libxml2 merges each
       text's descendants into the result with a duplicate check, quadratic in a corpus of
       thousands of documents; and a union of two large sets is quadratic for the same reason.
       Predicates after the parenthesis: libxml2 walks //x as descendant::x only when the step
       has no predicate, else it first collects every node of the document.) -->
  <xsl:variable name="tk-whole" select="not($tk-texts-tei)"/>
  <!-- (a speaker label as printed, note[@type='speaker'] of Parla-CLARIN and teikit's spoken
       output, is no footnote: it is printed where it stands; so is a classification line) -->
  <xsl:variable name="tk-notes-all" select="(//tei:note)[$tk-whole or ancestor::tei:text][not(@type = 'speaker' or @type = 'classification')]"/>
  <!-- The critical apparatus: each app (parallel segmentation) is an entry after the text,
       keyed by its lemma, its readings with the sigla of their witnesses; the text shows the
       lemma (the first reading when there is none). -->
  <xsl:variable name="tk-apps" select="(//tei:app)[not(@from)][$tk-whole or ancestor::tei:text]"/>
  <!-- A stand-off apparatus (app/@from, @to: pointers to anchors of the text, the app in a
       listApp or standOff): its entries follow those of the parallel segmentation, numbered
       after them in the order of the places they point to; the marker stands at the end of the
       lemma's place (the @to anchor, else the @from one). The places are one id() call over
       all their ids (each followed by a space: libxml2's id() skips the first id of a string
       that starts with one). -->
  <xsl:variable name="tk-so-apps" select="(//tei:app)[@from]"/>
  <xsl:variable name="tk-so-ids">
    <xsl:for-each select="$tk-so-apps"><xsl:value-of select="concat(substring-after(substring-before(concat(normalize-space(concat(@to, substring(@from, 1, string-length(@from) * number(not(normalize-space(@to)))))), ' '), ' '), '#'), ' ')"/></xsl:for-each>
  </xsl:variable>
  <xsl:variable name="tk-so-targets" select="id(string($tk-so-ids))"/>
  <!-- (libxslt copies a node-set variable at each reference: templates run per element test
       these instead) -->
  <xsl:variable name="tk-so-any" select="boolean($tk-so-targets)"/>
  <xsl:variable name="tk-apps-n" select="count($tk-apps)"/>
  <!-- The number of the stand-off apparatus entry whose place ends at the context node (the
       count of the parallel entries plus its position among the places), else "". -->
  <xsl:template name="tk-so-num">
    <xsl:choose>
      <xsl:when test="not($tk-so-any)"/>
      <xsl:when test="$tk-c-index">
        <xsl:variable name="k" select="tk:index(., 'tk-so-targets')"/>
        <xsl:if test="$k = $k"><xsl:value-of select="$tk-apps-n + $k"/></xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="g" select="generate-id()"/>
        <xsl:for-each select="$tk-so-targets"><xsl:if test="generate-id() = $g"><xsl:value-of select="$tk-apps-n + position()"/></xsl:if></xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <!-- The place of the context stand-off app: the node its @to (else @from) points to. -->
  <xsl:template name="tk-so-place-num">
    <xsl:variable name="t" select="substring-after(substring-before(concat(normalize-space(concat(@to, substring(@from, 1, string-length(@from) * number(not(normalize-space(@to)))))), ' '), ' '), '#')"/>
    <xsl:for-each select="$tk-root"><xsl:for-each select="id($t)"><xsl:call-template name="tk-so-num"/></xsl:for-each></xsl:for-each>
  </xsl:template>

  <!-- Facsimile: the surfaces of facsimile (their images, zones listed after the text) and the
       page breaks that point to page images (@facs: a surface, zone or graphic by #id, or a
       file): their images stand beside the text. -->
  <xsl:variable name="tk-surfaces" select="(//tei:surface)[ancestor::tei:facsimile]"/>
  <xsl:variable name="tk-facs-pbs" select="(//tei:pb)[@facs]"/>
  <xsl:variable name="tk-facs-any" select="boolean($tk-facs-pbs)"/>
  <xsl:variable name="tk-c-image" select="function-available('tk:image')"/>

  <!-- The data: URI of the local image file that `url` names (relative to the input's
       directory; tk:image() reads it), else "": a remote URL, a missing file, xsltproc. -->
  <xsl:template name="tk-image-src">
    <xsl:param name="url"/>
    <xsl:if test="$tk-c-image"><xsl:value-of select="tk:image(string($url))"/></xsl:if>
  </xsl:template>

  <!-- 1 when `url` may be a link: relative, or http(s) (no javascript: or data: links). -->
  <xsl:template name="tk-linkable">
    <xsl:param name="url"/>
    <xsl:variable name="scheme" select="translate(substring-before($url, ':'), 'HTPS', 'htps')"/>
    <xsl:if test="not(contains($url, ':')) or contains($scheme, '/') or $scheme = 'http' or $scheme = 'https'">1</xsl:if>
  </xsl:template>

  <!-- The image URLs the context page break's @facs names, one element u per URL (with the
       page's label in @n): a graphic's @url, the graphics of a surface or zone, a file. -->
  <xsl:template name="tk-facs-urls">
    <xsl:variable name="n" select="normalize-space(@n)"/>
    <xsl:for-each select="str:tokenize(normalize-space(@facs), ' ')">
      <xsl:variable name="t" select="string(.)"/>
      <xsl:choose>
        <xsl:when test="starts-with($t, '#')">
          <xsl:for-each select="$tk-root">
            <xsl:for-each select="id(substring($t, 2))">
              <xsl:for-each select="self::tei:graphic | tei:graphic">
                <u n="{$n}" id="{substring($t, 2)}"><xsl:value-of select="normalize-space(@url)"/></u>
              </xsl:for-each>
            </xsl:for-each>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise><u n="{$n}"><xsl:value-of select="$t"/></u></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- A zone as words: its id, its box (ulx,uly lrx,lry) or its points. -->
  <xsl:template name="tk-zone-words">
    <xsl:value-of select="normalize-space(concat(@xml:id, ' ', @n))"/>
    <xsl:choose>
      <xsl:when test="@points"><xsl:value-of select="concat(' (', normalize-space(@points), ')')"/></xsl:when>
      <xsl:when test="@ulx"><xsl:value-of select="concat(' (', @ulx, ',', @uly, ' ', @lrx, ',', @lry, ')')"/></xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- Footnotes of the diplomatic view: every note not printed inline. -->
  <!-- (filters of tk-notes-all: global variables are all evaluated before the first node is
       processed, and each walk of the whole document counts for a small one) -->
  <xsl:variable name="tk-notes-dipl" select="$tk-notes-all[not(self::tei:note[@place='inline' or @type='unanchored'])]"/>
  <!-- Footnotes of the normalized view: every note except a [?] query note (its unclear word
       says it) and a [sic ...] note whose correction the preceding choice applies (the choice
       right before it, or before it with only spaces and closing punctuation between). -->
  <xsl:variable name="tk-punct" select="concat(')]}.,;:!?&#8221;&#8217;', &quot;'&quot;, '&quot;')"/>
  <xsl:variable name="tk-notes-norm"
      select="$tk-notes-all[not(self::tei:note[@type='query' and @place='inline'])]
                [not(self::tei:note[@type='sic' and @place='inline'] and (preceding-sibling::*[1])[self::tei:choice]
                and ((preceding-sibling::node()[1])[self::tei:choice]
                     or (preceding-sibling::node()[1])[self::text()][translate(normalize-space(), $tk-punct, '') = ''][(preceding-sibling::node()[1])[self::tei:choice]]))]"/>
  <!-- The normalized view numbers the source's footnotes and the editors' notes apart: source
       notes 1, 2, 3 (as the source numbered them), editorial notes (the inline glosses, [sic]
       notes) a, b, c. -->
  <xsl:variable name="tk-notes-ed" select="$tk-notes-norm[self::tei:note[@place='inline']]"/>
  <xsl:variable name="tk-notes-src" select="$tk-notes-norm[not(self::tei:note[@place='inline'])]"/>
  <xsl:variable name="tk-mentions"
      select="(//*)[@ref][self::tei:persName or @type = 'person' and (self::tei:rs or self::tei:name)][$tk-whole or ancestor::tei:text]"/>

  <!-- (A step's [1] is cheap only as the step's last predicate: libxml2 then stops at the first
       sibling; `preceding-sibling::*[1][self::x]` collects every preceding sibling first, which
       is quadratic in a paragraph of 40,000 elements. Hence `(preceding-sibling::*[1])[self::x]`
       or a variable.) -->

  <!-- The numbering table: one entry per note and mention, built in one pass in document order
       and looked up by key (linear; no preceding:: axis, no xsl:number level="any"). -->
  <!-- the tables a stylesheet uses (the text one: d or r, after its view) -->
  <xsl:variable name="tk-tables" select="'admresx'"/>
  <xsl:variable name="tk-tab-rtf">
    <!-- (none when tk:index() numbers: every global variable is evaluated, used or not) -->
    <xsl:if test="not($tk-c-index) and contains($tk-tables, 'a')">
      <xsl:for-each select="$tk-notes-all"><a g="{generate-id()}" k="{position()}"/></xsl:for-each>
    </xsl:if>
    <xsl:if test="not($tk-c-index) and contains($tk-tables, 'd')">
      <xsl:for-each select="$tk-notes-dipl"><d g="{generate-id()}" k="{position()}"/></xsl:for-each>
    </xsl:if>
    <xsl:if test="not($tk-c-index) and contains($tk-tables, 'r')">
      <xsl:for-each select="$tk-notes-norm"><r g="{generate-id()}" k="{position()}"/></xsl:for-each>
    </xsl:if>
    <xsl:if test="not($tk-c-index) and contains($tk-tables, 'e')">
      <xsl:for-each select="$tk-notes-ed"><e g="{generate-id()}" k="{position()}"/></xsl:for-each>
    </xsl:if>
    <xsl:if test="not($tk-c-index) and contains($tk-tables, 's')">
      <xsl:for-each select="$tk-notes-src"><s g="{generate-id()}" k="{position()}"/></xsl:for-each>
    </xsl:if>
    <xsl:if test="not($tk-c-index) and contains($tk-tables, 'x')">
      <xsl:for-each select="$tk-apps"><x g="{generate-id()}" k="{position()}"/></xsl:for-each>
    </xsl:if>
    <xsl:if test="not($tk-c-index) and contains($tk-tables, 'm') and not($tk-c-mentions)">
      <xsl:for-each select="$tk-mentions"><m g="{generate-id()}" k="{position()}"/></xsl:for-each>
    </xsl:if>
  </xsl:variable>
  <xsl:variable name="tk-tab" select="exsl:node-set($tk-tab-rtf)"/>
  <xsl:key name="tk-tab" match="a|d|r|m|e|s|x" use="concat(local-name(), @g)"/>

  <!-- The number of the context node in table `t` (a, d, r, m, e, s; x: apparatus entries); empty when it has none:
       tk:index() (the position in the variable, a table built once in C) when teikit runs the
       stylesheet, else the table above (built only then). -->
  <xsl:variable name="tk-c-index" select="function-available('tk:index')"/>
  <xsl:template name="tk-num">
    <xsl:param name="t"/>
    <xsl:choose>
      <xsl:when test="$tk-c-index">
        <xsl:variable name="k" select="tk:index(., concat('tk-', normalize-space(substring('notes-all  notes-dipl notes-norm mentions   notes-ed   notes-src  apps', 11 * string-length(substring-before('adrmesx', $t)) + 1, 10))))"/>
        <xsl:if test="$k = $k"><xsl:value-of select="$k"/></xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="g" select="concat($t, generate-id())"/>
        <xsl:for-each select="$tk-tab"><xsl:value-of select="key('tk-tab', $g)/@k"/></xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- 1 when the context note is printed where it stands in the diplomatic view. -->
  <xsl:template name="tk-note-inline">
    <xsl:if test="self::tei:note[@place='inline' or @type='unanchored']">1</xsl:if>
  </xsl:template>

  <!-- The label of the context note in a view (default: the current one). Diplomatic: the
       printed @n (else its number among the diplomatic footnotes); normalized: 1, 2, 3 ... in
       reading order. Empty when the note is no footnote in that view. -->
  <xsl:template name="tk-note-label">
    <xsl:param name="dipl" select="$tk-dipl"/>
    <xsl:choose>
      <!-- (a classification line, SECRET, is printed where it stands in both views) -->
      <xsl:when test="self::tei:note[@type='classification']"/>
      <xsl:when test="$dipl and self::tei:note[@place='inline' or @type='unanchored']"/>
      <xsl:when test="$dipl and normalize-space(@n)"><xsl:value-of select="normalize-space(@n)"/></xsl:when>
      <xsl:when test="$dipl"><xsl:call-template name="tk-num"><xsl:with-param name="t" select="'d'"/></xsl:call-template></xsl:when>
      <!-- (normalized: an editorial note lettered, a source note numbered, apart) -->
      <xsl:when test="self::tei:note[@place='inline']">
        <xsl:variable name="k"><xsl:call-template name="tk-num"><xsl:with-param name="t" select="'e'"/></xsl:call-template></xsl:variable>
        <xsl:if test="$k != ''"><xsl:number value="$k" format="a"/></xsl:if>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="tk-num"><xsl:with-param name="t" select="'s'"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A note's label as its notes section printed it (diplomatic): @rend label-period 12.,
       label-paren-close 12), label-parenthesized (12); otherwise [12]. -->
  <xsl:template name="tk-list-label">
    <xsl:param name="label"/>
    <xsl:variable name="r" select="concat(' ', normalize-space(@rend), ' ')"/>
    <xsl:choose>
      <xsl:when test="contains($r, ' label-period ')"><xsl:value-of select="concat($label, '.')"/></xsl:when>
      <xsl:when test="contains($r, ' label-paren-close ')"><xsl:value-of select="concat($label, ')')"/></xsl:when>
      <xsl:when test="contains($r, ' label-parenthesized ')"><xsl:value-of select="concat('(', $label, ')')"/></xsl:when>
      <xsl:when test="contains($r, ' label-bare ')"><xsl:value-of select="$label"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat('[', $label, ']')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A footnote marker as printed (diplomatic): @rend bracketed [n], parenthesized (n),
       plain n, superscript ¹²³; without @rend [n]. -->
  <xsl:template name="tk-marker">
    <xsl:param name="label"/>
    <xsl:variable name="r" select="concat(' ', normalize-space(@rend), ' ')"/>
    <xsl:choose>
      <xsl:when test="contains($r, ' plain ')"><xsl:value-of select="$label"/></xsl:when>
      <xsl:when test="contains($r, ' superscript ')"><xsl:value-of select="translate($label, '0123456789', '&#8304;&#185;&#178;&#179;&#8308;&#8309;&#8310;&#8311;&#8312;&#8313;')"/></xsl:when>
      <xsl:when test="contains($r, ' parenthesized ')"><xsl:value-of select="concat('(', $label, ')')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat('[', $label, ']')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================================ persons -->
  <!-- A person's mentions: tk:mentions('#id') (of $tk-mentions) when teikit runs the stylesheet
       (a table built once in C); else (xsltproc) a scan of the mentions per person. Not an
       xsl:key: libxslt adds each node to a key's node-set after a duplicate check over that
       set, which is quadratic in the mentions of one person (and keys are built whole, for
       every key of the stylesheet, at the first key() call). A mention whose @ref lists
       several ids ("#mao #zhou") is a mention of each. -->
  <xsl:variable name="tk-c-mentions" select="function-available('tk:mentions') and function-available('tk:position')"/>

  <!-- The number of the context mention (1, 2, 3 ... in document order): tk:position() when
       teikit runs the stylesheet, else table m. -->
  <xsl:template name="tk-mention-num">
    <xsl:choose>
      <xsl:when test="$tk-c-mentions">
        <xsl:variable name="p" select="tk:position(.)"/>
        <xsl:if test="$p = $p"><xsl:value-of select="$p"/></xsl:if>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="tk-num"><xsl:with-param name="t" select="'m'"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The number of mentions of reference `key`. -->
  <xsl:template name="tk-mention-count">
    <xsl:param name="key"/>
    <xsl:choose>
      <xsl:when test="$tk-c-mentions"><xsl:value-of select="count(tk:mentions($key))"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="count($tk-mentions[contains(concat(' ', normalize-space(@ref), ' '), concat(' ', $key, ' '))])"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The index of persons lists the persons of the personography (tei:person[@xml:id]); a
       mention whose pointers name none of them is rendered as plain text (teikit warns once
       per pointer that names nothing). -->
  <xsl:variable name="tk-index" select="true()"/><!-- the text stylesheet: only when asked -->
  <xsl:variable name="tk-c-person" select="function-available('tk:person')"/>

  <!-- The xml:id of the first person of the personography that the context mention's @ref
       points to, else nothing: tk:person() when teikit runs the stylesheet (it also warns
       about pointers that name nothing), else each token looked up. -->
  <xsl:template name="tk-mention-target">
    <xsl:choose>
      <xsl:when test="$tk-c-person"><xsl:value-of select="tk:person(.)"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="m" select="."/>
        <xsl:variable name="all">
          <xsl:for-each select="str:tokenize(normalize-space(@ref), ' ')">
            <xsl:variable name="k" select="string(.)"/>
            <xsl:for-each select="$m">
              <xsl:if test="starts-with($k, '#') and id(substring($k, 2))[self::tei:person]"><xsl:value-of select="concat(substring($k, 2), ' ')"/></xsl:if>
            </xsl:for-each>
          </xsl:for-each>
        </xsl:variable>
        <xsl:value-of select="substring-before($all, ' ')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Elements that hold text of their own (not only whitespace): a block inside one is
       rendered inline. The test, for the parent of the context node, is
       ($tk-c-mixed and tk:mixed(..)) or (not($tk-c-mixed) and ../text()[normalize-space()]):
       tk:mixed() keeps the answer per element (teikit); the XPath scans the parent's children
       for each child (xsltproc). Not a key: see tk-person above. -->
  <xsl:variable name="tk-c-mixed" select="function-available('tk:mixed')"/>

  <!-- The number of the context element among its parent's elements of its name (1, 2, 3
       ...): tk:nth() (one table per parent) when teikit runs the stylesheet, else counted. -->
  <xsl:template name="tk-nth">
    <xsl:choose>
      <xsl:when test="function-available('tk:nth')"><xsl:value-of select="tk:nth(.)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="count(preceding-sibling::*[local-name() = local-name(current()) and namespace-uri() = namespace-uri(current())]) + 1"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The sigla of the context reading's @wit: for each "#id" the witness's @n, else its
       abbreviation (abbr), else the id; a pointer to no witness as written. Space apart. -->
  <xsl:template name="tk-sigla">
    <xsl:for-each select="str:tokenize(normalize-space(@wit), ' ')">
      <xsl:variable name="t" select="string(.)"/>
      <xsl:if test="position() > 1"><xsl:text> </xsl:text></xsl:if>
      <xsl:for-each select="$tk-root">
        <xsl:variable name="w" select="id(substring-after($t, '#'))[self::tei:witness]"/>
        <xsl:choose>
          <xsl:when test="normalize-space($w/@n)"><xsl:value-of select="normalize-space($w/@n)"/></xsl:when>
          <xsl:when test="$w/tei:abbr"><xsl:value-of select="normalize-space($w/tei:abbr[1])"/></xsl:when>
          <xsl:when test="$w"><xsl:value-of select="substring-after($t, '#')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$t"/></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:template>

  <!-- The speaker of the context u or annotationBlock: the personography's name of the first
       @who (persName of the person it points to), else the id it points to. -->
  <xsl:template name="tk-who-name">
    <xsl:variable name="first" select="substring-before(concat(normalize-space(@who), ' '), ' ')"/>
    <xsl:call-template name="tk-person-name">
      <xsl:with-param name="id" select="concat(substring-after($first, '#'), substring($first, 1, string-length($first) * number(not(starts-with($first, '#')))))"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The title once (HTML): the first head of the text is not repeated under the h1 when it
       says the title in plain words (a head with mentions or notes is the h1's content then:
       their anchors stay in the page). -->
  <xsl:variable name="tk-title-text"><xsl:call-template name="tk-title"/></xsl:variable>
  <xsl:variable name="tk-title-head" select="($tk-texts[1]//tei:head)[1][normalize-space() = normalize-space($tk-title-text)]"/>

  <!-- ================================================================= verse -->
  <!-- Verse line numbers (parameter `lines`): every fifth line by default (HTML: in the margin
       as generated content; text: in a gutter, except in a document teikit converted, whose
       text reproduces the transcript, unless asked), `all` every line, `none` none. The
       number is @n, else the line's number among the verse lines of the text. -->
  <xsl:param name="lines" select="''"/>
  <xsl:variable name="tk-lines" select="(//tei:l)[$tk-whole or ancestor::tei:text][not(ancestor::tei:note)]"/>

  <!-- The heading of the context division when its number says something its head does not:
       a division with a short @n (no URN) and no head is "Poem 12" (its @subtype or @type,
       unless a generic one, then the number); one with a head that does not hold the number
       is the number (to stand before the head); else "". -->
  <xsl:variable name="tk-div-generic" select="' textpart edition translation commentary div '"/>
  <xsl:template name="tk-div-label">
    <xsl:variable name="n" select="normalize-space(@n)"/>
    <xsl:if test="$n != '' and not(contains($n, ':') or contains($n, ' ') or string-length($n) > 12)">
      <xsl:variable name="head" select="tei:head[normalize-space()][1]"/>
      <xsl:choose>
        <xsl:when test="$head">
          <xsl:if test="not(contains(concat(' ', translate(normalize-space($head), '.,;:()[]', '        '), ' '), concat(' ', $n, ' ')))"><xsl:value-of select="$n"/></xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="st" select="normalize-space(@subtype[not(contains($tk-div-generic, concat(' ', normalize-space(.), ' ')))])"/>
          <xsl:variable name="ty" select="normalize-space(@type[not(contains($tk-div-generic, concat(' ', normalize-space(.), ' ')))])"/>
          <xsl:variable name="t" select="translate(concat($st, substring($ty, 1, string-length($ty) * number($st = ''))), $tk-upper, $tk-lower)"/>
          <xsl:if test="$t != '' and not(contains($t, ' '))">
            <xsl:value-of select="concat(translate(substring($t, 1, 1), $tk-lower, $tk-upper), substring($t, 2), ' ')"/>
          </xsl:if>
          <xsl:value-of select="$n"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================ authorities -->
  <!-- Authority files a person's idno may name (@type, any case): the URL of a record is the
       pattern followed by the idno's value (after `strip`, a prefix some editors keep); a
       value that is already an http(s) URL is used as it is; `URI` takes only such values.
       Add a row for another authority. -->
  <xsl:variable name="tk-authority-rtf">
    <a type="viaf" label="VIAF" pattern="https://viaf.org/viaf/"/>
    <a type="wikidata" label="Wikidata" pattern="https://www.wikidata.org/wiki/"/>
    <a type="gnd" label="GND" pattern="https://d-nb.info/gnd/"/>
    <a type="snac" label="SNAC" pattern="https://snaccooperative.org/ark:/99166/" strip="ark:/99166/"/>
    <a type="orcid" label="ORCID" pattern="https://orcid.org/"/>
    <a type="isni" label="ISNI" pattern="https://isni.org/isni/"/>
    <a type="lcnaf" label="LCNAF" pattern="https://id.loc.gov/authorities/names/"/>
    <a type="uri" label="URI" pattern=""/>
    <a type="url" label="URI" pattern=""/>
  </xsl:variable>
  <xsl:variable name="tk-authorities" select="exsl:node-set($tk-authority-rtf)/a"/>
  <xsl:variable name="tk-lower" select="'abcdefghijklmnopqrstuvwxyz'"/>
  <xsl:variable name="tk-upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>
  <!-- letters and digits: an item's @n with one of them (`Article 2.`, `First.`) is a word
       the item's text may begin with; a bullet (`*`, `-`) never is (text starting with one
       had it in the source: `* * *` omission stars after a `*` bullet) -->
  <xsl:variable name="tk-alnum" select="concat($tk-lower, $tk-upper, '0123456789')"/>

  <!-- The authority records of the context person: one <a label="VIAF" value="..." href="..."/>
       per idno whose @type the table names and whose value makes an http(s) URL without
       spaces (anything else is no link: no javascript:, no relative path). -->
  <xsl:template name="tk-person-authorities">
    <xsl:for-each select="tei:idno[@type][normalize-space()]">
      <xsl:variable name="v" select="normalize-space()"/>
      <xsl:variable name="row" select="$tk-authorities[@type = translate(normalize-space(current()/@type), $tk-upper, $tk-lower)][1]"/>
      <xsl:variable name="scheme" select="translate(substring-before($v, '://'), $tk-upper, $tk-lower)"/>
      <xsl:variable name="href">
        <xsl:choose>
          <xsl:when test="not($row) or contains($v, ' ')"/>
          <xsl:when test="$scheme = 'http' or $scheme = 'https'"><xsl:value-of select="$v"/></xsl:when>
          <xsl:when test="$row/@pattern = '' or contains($v, ':') and not($row/@strip and starts-with($v, $row/@strip))"/>
          <xsl:when test="$row/@strip and starts-with($v, $row/@strip)"><xsl:value-of select="concat($row/@pattern, substring-after($v, $row/@strip))"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="concat($row/@pattern, $v)"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:if test="$href != ''">
        <a label="{$row/@label}" value="{$v}" href="{$href}"/>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- The full name of person `id` from the personography, else the id. -->
  <xsl:template name="tk-person-name">
    <xsl:param name="id"/>
    <xsl:variable name="p" select="id($id)[self::tei:person]"/>
    <xsl:choose>
      <xsl:when test="$p/tei:persName[@type='full']"><xsl:value-of select="normalize-space($p/tei:persName[@type='full'][1])"/></xsl:when>
      <xsl:when test="$p/tei:persName"><xsl:value-of select="normalize-space($p/tei:persName[1])"/></xsl:when>
      <xsl:when test="$p/tei:name"><xsl:value-of select="normalize-space($p/tei:name[1])"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$id"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================== brackets -->
  <!-- Brackets as printed (the converter's contract, docs/inline.md): @rend with the token
       "bracketed" gives [ ], "parenthesized" ( ), "underscored" _ _ (an e-book's _italics_,
       diplomatic view only), "escaped" with "bracketed" \[ \] (Markdown's escapes, diplomatic
       view only), "unclosed" with "bracketed" no closing bracket (a play's "[Exit."),
       "tagged" with "sub" or "sup" the HTML tags <sub></sub> (diplomatic view
       only), with "tag-NAME[.classes]" a caption's cue tag <NAME.classes></NAME> (<lang
       xml:lang> for seg[@xml:lang]), an anchor's time in < >; "prefixed-WORD" prints "WORD: " after the
       opening bracket, "query" a "?" before the closing one. Without such a token an element
       gets `default` ('[' for ex, supplied, gap ... of TEI teikit did not write, else none).
       Editorial brackets show in the diplomatic view only; those of spoken events and stage
       directions (what was heard or done) in both. -->
  <xsl:variable name="tk-kept" select="' vocal incident kinesic pause shift stage gap anchor '"/>

  <!-- The bracket kind of the context element, "[", "(" or "" (pure XPath in a variable, no
       result tree fragment: these run for every bracket of a document). -->
  <xsl:template name="tk-open">
    <xsl:param name="default" select="''"/>
    <xsl:param name="dipl" select="$tk-dipl"/>
    <!-- (nothing to print without @rend and without a default: the common case, decided
         before any variable is made) -->
    <xsl:if test="@rend or $default != ''">
    <xsl:variable name="r" select="concat(' ', normalize-space(@rend), ' ')"/>
    <xsl:variable name="b" select="contains($r, ' bracketed ')"/>
    <xsl:variable name="p" select="not($b) and contains($r, ' parenthesized ')"/>
    <xsl:variable name="u" select="contains($r, ' underscored ')"/>
    <xsl:variable name="d" select="not($b or $p or $u or contains($r, ' bare ') or contains($r, ' none '))"/>
    <xsl:if test="$u and $dipl">_</xsl:if>
    <xsl:if test="$b and $dipl and contains($r, ' escaped ')">\</xsl:if>
    <xsl:if test="$dipl and contains($r, ' tagged ')">
      <xsl:variable name="tn" select="substring-before(substring-after($r, ' tag-'), ' ')"/>
      <xsl:value-of select="concat('&lt;', $tn, substring('sub', 1, 3 * number($tn = '' and contains($r, ' sub '))), substring('sup', 1, 3 * number($tn = '' and contains($r, ' sup '))), substring(concat(' ', @xml:lang), 1, 99 * number($tn = 'lang')))"/>
      <xsl:if test="not(self::tei:anchor)">&gt;</xsl:if>
    </xsl:if>
    <xsl:if test="$dipl or contains($tk-kept, concat(' ', local-name(), ' '))">
      <xsl:value-of select="concat(substring('[', 1, number($b)), substring('(', 1, number($p)), substring($default, 1, 9 * number($d)))"/>
      <xsl:if test="($b or $p) and contains($r, ' prefixed-')">
        <xsl:value-of select="concat(substring-before(substring-after($r, ' prefixed-'), ' '), ': ')"/>
      </xsl:if>
    </xsl:if>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tk-close">
    <xsl:param name="default" select="''"/>
    <xsl:param name="dipl" select="$tk-dipl"/>
    <!-- (nothing to print without @rend and without a default: the common case, decided
         before any variable is made) -->
    <xsl:if test="@rend or $default != ''">
    <xsl:variable name="r" select="concat(' ', normalize-space(@rend), ' ')"/>
    <xsl:variable name="b" select="contains($r, ' bracketed ')"/>
    <xsl:variable name="p" select="not($b) and contains($r, ' parenthesized ')"/>
    <xsl:variable name="u" select="contains($r, ' underscored ')"/>
    <xsl:variable name="d" select="not($b or $p or $u or contains($r, ' bare ') or contains($r, ' none '))"/>
    <xsl:if test="$dipl or contains($tk-kept, concat(' ', local-name(), ' '))">
      <xsl:if test="($b or $p) and contains($r, ' query ')">?</xsl:if>
      <xsl:if test="$b and $dipl and contains($r, ' escaped ')">\</xsl:if>
      <xsl:value-of select="concat(substring(']', 1, number($b and not(contains($r, ' unclosed ')))), substring(')', 1, number($p)), translate(substring($default, 1, 9 * number($d)), '[(', '])'))"/>
    </xsl:if>
    <xsl:if test="$u and $dipl">_</xsl:if>
    <xsl:if test="$dipl and contains($r, ' tagged ')">
      <xsl:variable name="tn" select="substring-before(substring-after($r, ' tag-'), ' ')"/>
      <xsl:if test="not(self::tei:anchor)">&lt;/<xsl:value-of select="concat(substring-before(concat($tn, '.'), '.'), substring('sub', 1, 3 * number($tn = '' and contains($r, ' sub '))), substring('sup', 1, 3 * number($tn = '' and contains($r, ' sup '))))"/></xsl:if>
      <xsl:text>&gt;</xsl:text>
    </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================ spoken events -->
  <!-- The words printed inside the brackets of a gap: its desc (teikit keeps the printed
       words there), else "2 words illegible" from @quantity/@unit/@reason, else "..."; in the
       normalized view "…". -->
  <xsl:template name="tk-gap-words">
    <xsl:param name="dipl" select="$tk-dipl"/>
    <xsl:choose>
      <xsl:when test="not($dipl)">&#8230;</xsl:when>
      <!-- an empty bracket printed for a lacuna ("[ ]") -->
      <xsl:when test="tei:desc and not(normalize-space(tei:desc))"><xsl:text> </xsl:text></xsl:when>
      <xsl:when test="tei:desc"><xsl:value-of select="normalize-space(tei:desc)"/></xsl:when>
      <xsl:when test="@reason and @quantity">
        <xsl:value-of select="concat(@quantity, ' ', @unit, substring(' ', 1, string-length(@unit)), @reason)"/>
      </xsl:when>
      <xsl:when test="@reason and @extent"><xsl:value-of select="concat(@extent, ' ', @reason)"/></xsl:when>
      <xsl:when test="@reason and @reason != 'omitted'"><xsl:value-of select="@reason"/></xsl:when>
      <xsl:otherwise>...</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The words of vocal, incident, kinesic, shift: desc, else the element's text, else
       @type, else the element's name; of pause: desc, else "[@type ]pause". -->
  <xsl:template name="tk-event-words">
    <xsl:choose>
      <xsl:when test="tei:desc"><xsl:value-of select="normalize-space(tei:desc)"/></xsl:when>
      <xsl:when test="self::tei:pause"><xsl:value-of select="concat(@type, substring(' ', 1, string-length(@type)), 'pause')"/></xsl:when>
      <xsl:when test="normalize-space(.)"><xsl:value-of select="normalize-space(.)"/></xsl:when>
      <xsl:when test="@type"><xsl:value-of select="@type"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="local-name()"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The printed time of an anchor[@synch] (or a when): @n, else the when's @n, @absolute,
       @interval, else the pointer itself. -->
  <xsl:template name="tk-time-words">
    <xsl:variable name="w" select="id(substring-after(@synch, '#'))[self::tei:when] | self::tei:when"/>
    <xsl:choose>
      <xsl:when test="normalize-space(@n)"><xsl:value-of select="normalize-space(@n)"/></xsl:when>
      <xsl:when test="$w/@n"><xsl:value-of select="$w/@n"/></xsl:when>
      <xsl:when test="$w/@absolute"><xsl:value-of select="$w/@absolute"/></xsl:when>
      <xsl:when test="$w/@interval"><xsl:value-of select="$w/@interval"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="@synch"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- 1 when the context element (in a choice) is the reading shown in the current view. -->
  <xsl:template name="tk-choice-shown">
    <xsl:variable name="c" select=".."/>
    <xsl:variable name="pick"
        select="($c/tei:sic | $c/tei:abbr | $c/tei:orig)[$tk-dipl][1]
              | ($c/tei:corr | $c/tei:expan | $c/tei:reg)[not($tk-dipl)][1]"/>
    <xsl:choose>
      <xsl:when test="$pick">
        <xsl:if test="count(. | $pick) = 1">1</xsl:if>
      </xsl:when>
      <xsl:when test="count(. | $c/*[1]) = 1">1</xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================================ header -->
  <!-- The header metadata as <item label="...">value</item>, in display order. Values are
       plain strings. Empty items are left out. -->
  <xsl:template name="tk-meta-items">
    <xsl:param name="h" select="$tk-header"/>
    <xsl:variable name="fd" select="$h/tei:fileDesc"/>
    <xsl:variable name="pd" select="$h/tei:profileDesc"/>
    <xsl:variable name="cdate" select="$pd/tei:creation/tei:date[1]"/>
    <xsl:if test="$cdate">
      <item label="Date" when="{$cdate/@when}">
        <xsl:choose>
          <xsl:when test="normalize-space($cdate)"><xsl:value-of select="normalize-space($cdate)"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="concat($cdate/@when, $cdate/@from, substring('–', 1, string-length($cdate/@to)), $cdate/@to)"/></xsl:otherwise>
        </xsl:choose>
      </item>
    </xsl:if>
    <xsl:for-each select="$pd/tei:textClass/tei:keywords/tei:term">
      <item label="Type"><xsl:value-of select="normalize-space(.)"/></item>
    </xsl:for-each>
    <xsl:for-each select="$pd/tei:langUsage/tei:language[normalize-space()]">
      <item label="Language"><xsl:value-of select="normalize-space(.)"/></item>
    </xsl:for-each>
    <!-- participants with a role (an interview's Interviewer, Interviewee) -->
    <xsl:for-each select="$pd/tei:particDesc//tei:person[normalize-space(@role)][tei:persName | tei:name]">
      <xsl:variable name="role" select="normalize-space(@role)"/>
      <item label="{concat(translate(substring($role, 1, 1), 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), substring($role, 2))}">
        <xsl:value-of select="normalize-space((tei:persName | tei:name)[1])"/>
      </item>
    </xsl:for-each>
    <xsl:for-each select="$fd/tei:titleStmt/tei:author">
      <item label="Author"><xsl:call-template name="tk-plain"/></item>
    </xsl:for-each>
    <xsl:for-each select="$fd/tei:titleStmt/tei:respStmt">
      <xsl:variable name="resp" select="normalize-space(tei:resp)"/>
      <item>
        <xsl:attribute name="label">
          <xsl:choose>
            <xsl:when test="$resp"><xsl:value-of select="concat(translate(substring($resp, 1, 1), 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), substring($resp, 2))"/></xsl:when>
            <xsl:otherwise>Responsibility</xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
        <xsl:for-each select="tei:persName | tei:name | tei:orgName">
          <xsl:if test="position() > 1">, </xsl:if>
          <xsl:call-template name="tk-plain"/>
        </xsl:for-each>
      </item>
    </xsl:for-each>
    <xsl:for-each select="$fd/tei:titleStmt/tei:editor">
      <item label="Editor"><xsl:call-template name="tk-plain"/></item>
    </xsl:for-each>
    <xsl:for-each select="$fd/tei:sourceDesc/tei:msDesc/tei:msIdentifier">
      <item label="Archive">
        <xsl:for-each select="*[normalize-space()]">
          <xsl:if test="position() > 1">, </xsl:if>
          <xsl:value-of select="normalize-space(.)"/>
        </xsl:for-each>
      </item>
    </xsl:for-each>
    <xsl:for-each select="$fd/tei:sourceDesc/tei:bibl | $fd/tei:sourceDesc/tei:biblFull | $fd/tei:sourceDesc/tei:biblStruct | $fd/tei:sourceDesc/tei:p | $fd/tei:sourceDesc/tei:listBibl/tei:bibl">
      <xsl:if test="normalize-space()">
        <item label="Source"><xsl:call-template name="tk-plain"/></item>
      </xsl:if>
    </xsl:for-each>
    <xsl:for-each select="$fd/tei:publicationStmt/tei:publisher | $fd/tei:publicationStmt/tei:authority | $fd/tei:publicationStmt/tei:distributor">
      <item label="Publisher"><xsl:call-template name="tk-plain"/></item>
    </xsl:for-each>
    <xsl:for-each select="$fd/tei:publicationStmt/tei:availability">
      <xsl:if test="normalize-space()">
        <item label="Rights"><xsl:call-template name="tk-plain"/></item>
      </xsl:if>
    </xsl:for-each>
    <xsl:for-each select="$pd/tei:abstract">
      <item label="Summary"><xsl:call-template name="tk-plain"/></item>
    </xsl:for-each>
  </xsl:template>

  <!-- The document's title: the main title(s) of titleStmt, subtitles after a colon; else the
       first head of the text; else the file has none. -->
  <xsl:template name="tk-title">
    <xsl:param name="h" select="$tk-header"/>
    <xsl:param name="texts" select="$tk-texts"/>
    <xsl:variable name="ts" select="$h/tei:fileDesc/tei:titleStmt"/>
    <xsl:variable name="main" select="($ts/tei:title[@type='main'][normalize-space()] | $ts/tei:title[not(@type)][normalize-space()][not(../tei:title[@type='main'])] | $ts/tei:title[not(@type='sub' or @type='subtitle')][normalize-space()][not(../tei:title[@type='main' or not(@type)])])"/>
    <xsl:choose>
      <xsl:when test="$main">
        <xsl:for-each select="$main[1]"><xsl:call-template name="tk-plain"/></xsl:for-each>
        <xsl:for-each select="$ts/tei:title[@type='sub' or @type='subtitle'][normalize-space()]">
          <xsl:text>: </xsl:text><xsl:call-template name="tk-plain"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$texts//tei:head"><xsl:value-of select="normalize-space(($texts//tei:head)[1])"/></xsl:when>
      <xsl:otherwise>Untitled</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The words of the context element as plain text, whitespace collapsed: the words of two
       child elements are kept apart (<forename>Charles</forename><surname>Dickens</surname>)
       except in elements that occur inside words (hi, ex, g ...); a break with
       @break='no' joins. For header values. -->
  <xsl:variable name="tk-glue" select="' hi g c am ex expan abbr unclear supplied emph seg '"/>
  <xsl:template name="tk-plain">
    <xsl:variable name="t"><xsl:apply-templates mode="tk-plain"/></xsl:variable>
    <xsl:value-of select="normalize-space($t)"/>
  </xsl:template>
  <xsl:template match="*" mode="tk-plain">
    <xsl:variable name="sep" select="substring(' ', 1, number(not(contains($tk-glue, concat(' ', local-name(), ' ')))))"/>
    <xsl:value-of select="$sep"/><xsl:apply-templates mode="tk-plain"/><xsl:value-of select="$sep"/>
  </xsl:template>
  <xsl:template match="tei:lb | tei:pb | tei:cb" mode="tk-plain">
    <xsl:if test="not(@break = 'no' or @type = 'hyphenInWord')"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>
  <xsl:template match="tei:note | comment() | processing-instruction()" mode="tk-plain"/>

  <!-- A line, column or page break inside a word (@break='no', or @type='hyphenInWord'):
       the whitespace around it is no word boundary. Called for every text node (from a
       `text()` template without a predicate: libxslt computes the position of a node among its
       siblings for every predicate of a match pattern, with a cache of one node per pattern,
       so a predicate tested on text nodes of alternating parents walks all siblings each
       time); $tk-inword says whether the document has such a break at all. -->
  <xsl:variable name="tk-inword" select="boolean((//tei:lb)[@break = 'no' or @type = 'hyphenInWord']) or boolean((//tei:pb)[@break = 'no' or @type = 'hyphenInWord']) or boolean((//tei:cb)[@break = 'no' or @type = 'hyphenInWord'])"/>
  <xsl:template name="tk-text">
    <xsl:choose>
      <xsl:when test="$tk-inword">
        <xsl:variable name="before" select="(preceding-sibling::node()[1])[self::tei:lb or self::tei:pb or self::tei:cb][@break = 'no' or @type = 'hyphenInWord']"/>
        <xsl:variable name="after" select="(following-sibling::node()[1])[self::tei:lb or self::tei:pb or self::tei:cb][@break = 'no' or @type = 'hyphenInWord']"/>
        <xsl:choose>
          <xsl:when test="$before or $after">
            <xsl:variable name="n" select="normalize-space()"/>
            <xsl:variable name="lead" select="substring(' ', 1, number(not($before) and $n != '' and normalize-space(substring(., 1, 1)) = ''))"/>
            <xsl:variable name="trail" select="substring(' ', 1, number(not($after) and $n != '' and normalize-space(substring(., string-length(.))) = ''))"/>
            <xsl:value-of select="concat($lead, $n, $trail)"/>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The document's language: @xml:lang of TEI or text, else the first langUsage language. -->
  <xsl:template name="tk-lang">
    <xsl:variable name="l" select="(/*/@xml:lang | $tk-texts[1]/@xml:lang | $tk-header/tei:profileDesc/tei:langUsage/tei:language[1]/@ident)[1]"/>
    <xsl:choose>
      <xsl:when test="$l"><xsl:value-of select="$l"/></xsl:when>
      <xsl:otherwise>en</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- 1 when the context element holds blocks rather than running text. (The generic
       templates of both stylesheets, run for every element, test the same XPath in a variable
       with select: a variable built by a call makes a result tree fragment each time.) -->
  <xsl:template name="tk-is-container">
    <xsl:if test="not(text()[normalize-space()]) and *[contains($tk-blocks, concat(' ', local-name(), ' '))]">1</xsl:if>
  </xsl:template>

</xsl:stylesheet>
