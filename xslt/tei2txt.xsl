<?xml version="1.0" encoding="UTF-8"?>
<!-- tei2txt.xsl: TEI P5 -> plain UTF-8 text: a title block, the text wrapped at `width`
     (0 = no wrapping), speaker labels as printed, footnotes collected at the end and, with
     persons=1, an index of persons. Works on any TEI: elements it does not know pass their
     text through. Parameters: view (diplomatic|normalized), width, persons.
     teikit render supplies tk:wrap() in C; without it (xsltproc) the XSLT fallback wraps. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:exsl="http://exslt.org/common"
    xmlns:tk="urn:x-teikit:render"
    xmlns:m="http://www.w3.org/1998/Math/MathML"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="tei exsl tk m str">

  <!-- imported, not included: this stylesheet's tk-index overrides common.xsl's -->
  <xsl:import href="common.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:param name="width" select="72"/>
  <!-- numbering tables: the footnotes of the current view only (common.xsl) -->
  <xsl:variable name="tk-tables" select="substring('dres', 2 - number($tk-dipl), 1 + 2 * number(not($tk-dipl)))"/>
  <!-- the persons index (and its table) only when asked for -->
  <xsl:variable name="tk-index" select="$persons = '1' or $persons = 'yes' or $persons = 'true'"/>
  <xsl:variable name="tk-nl" select="'&#10;'"/>
  <!-- verse line numbers (common.xsl's `lines`): every k-th line, 0 none -->
  <xsl:variable name="tk-verse-every">
    <xsl:choose>
      <xsl:when test="$lines = 'all'">1</xsl:when>
      <xsl:when test="$lines = 'none' or $lines = '0'">0</xsl:when>
      <xsl:when test="number($lines) >= 1"><xsl:value-of select="floor(number($lines))"/></xsl:when>
      <xsl:when test="$tk-ours or not($tk-lines)">0</xsl:when>
      <xsl:otherwise>5</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="tk-verse-n" select="number($tk-verse-every)"/>
  <xsl:variable name="tk-gutter" select="'      '"/>

  <!-- ================================================================= page -->
  <xsl:template match="/">
    <xsl:call-template name="title-block"/>
    <xsl:value-of select="$tk-nl"/>
    <xsl:for-each select="$tk-texts">
      <!-- a document of a corpus (teiCorpus/TEI) has a header of its own: its title block
           comes before its text, its footnotes after it -->
      <xsl:variable name="h" select="ancestor::tei:TEI[1]/tei:teiHeader"/>
      <xsl:if test="$h and count($h | $tk-header) != 1">
        <xsl:call-template name="title-block">
          <xsl:with-param name="h" select="$h"/>
          <xsl:with-param name="texts" select="."/>
          <xsl:with-param name="rule" select="'-'"/>
        </xsl:call-template>
        <xsl:value-of select="$tk-nl"/>
      </xsl:if>
      <xsl:apply-templates select="." mode="block"/>
      <xsl:call-template name="footnotes"/>
      <xsl:call-template name="apparatus"/>
    </xsl:for-each>
    <xsl:call-template name="apparatus">
      <xsl:with-param name="apps" select="$tk-so-apps"/>
      <xsl:with-param name="standoff" select="true()"/>
    </xsl:call-template>
    <xsl:call-template name="facsimile"/>
    <xsl:if test="$tk-index">
      <xsl:call-template name="persons-index"/>
    </xsl:if>
  </xsl:template>

  <!-- The title, underlined with `rule`, then the metadata of header `h`, one per line. -->
  <xsl:template name="title-block">
    <xsl:param name="h" select="$tk-header"/>
    <xsl:param name="texts" select="$tk-texts"/>
    <xsl:param name="rule" select="'='"/>
    <xsl:variable name="title">
      <xsl:call-template name="tk-title">
        <xsl:with-param name="h" select="$h"/>
        <xsl:with-param name="texts" select="$texts"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:call-template name="wrap">
      <xsl:with-param name="text" select="normalize-space($title)"/>
    </xsl:call-template>
    <xsl:variable name="len">
      <xsl:choose>
        <xsl:when test="$width > 0 and string-length(normalize-space($title)) > $width"><xsl:value-of select="$width"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="string-length(normalize-space($title))"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="line" select="'========================================================================================================================'"/>
    <xsl:value-of select="concat(translate(substring($line, 1, $len), '=', $rule), $tk-nl)"/>
    <xsl:variable name="meta">
      <xsl:call-template name="tk-meta-items"><xsl:with-param name="h" select="$h"/></xsl:call-template>
    </xsl:variable>
    <xsl:for-each select="exsl:node-set($meta)/item">
      <xsl:call-template name="wrap">
        <xsl:with-param name="text" select="concat(@label, ': ', .)"/>
        <xsl:with-param name="hang" select="'  '"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- The footnotes of the context text (those with a text: a marker whose text is missing
       has nothing to list), in the current view, after a "Footnotes:" line. -->
  <xsl:template name="footnotes">
    <xsl:variable name="t" select="substring('dr', 2 - number($tk-dipl), 1)"/>
    <xsl:variable name="list">
      <xsl:for-each select=".//tei:note[node()]">
        <xsl:variable name="n"><xsl:call-template name="tk-num"><xsl:with-param name="t" select="$t"/></xsl:call-template></xsl:variable>
        <xsl:if test="$n != '' and not($tk-keylines and self::tei:note[@type='comment'])">
          <xsl:variable name="label"><xsl:call-template name="tk-note-label"/></xsl:variable>
          <xsl:variable name="body"><xsl:apply-templates mode="inline"/></xsl:variable>
          <xsl:variable name="shown">
            <xsl:choose>
              <xsl:when test="$tk-dipl"><xsl:call-template name="tk-list-label"><xsl:with-param name="label" select="$label"/></xsl:call-template></xsl:when>
              <xsl:otherwise><xsl:value-of select="concat('[', $label, ']')"/></xsl:otherwise>
            </xsl:choose>
          </xsl:variable>
          <xsl:call-template name="wrap">
            <xsl:with-param name="text" select="normalize-space(concat($shown, ' ', $body))"/>
            <xsl:with-param name="hang" select="substring('          ', 1, string-length($label) + 3)"/>
          </xsl:call-template>
        </xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:if test="string($list) != ''">
      <xsl:value-of select="concat('Footnotes:', $tk-nl)"/>
      <xsl:copy-of select="$list"/>
      <xsl:value-of select="$tk-nl"/>
    </xsl:if>
  </xsl:template>

  <!-- The critical apparatus of the context text after its footnotes: one entry per app,
       "k lemma] reading SIGLA; reading SIGLA" (an empty reading is "om."). -->
  <xsl:template name="apparatus">
    <xsl:param name="apps" select="(.//tei:app)[not(@from)]"/>
    <xsl:param name="standoff" select="false()"/>
    <xsl:if test="$apps">
      <xsl:value-of select="concat('Apparatus:', $tk-nl)"/>
      <xsl:for-each select="$apps">
        <xsl:variable name="lem" select="(tei:lem | tei:rdgGrp/tei:lem)[1]"/>
        <!-- (a stand-off entry: numbered as in the HTML; without a lemma, the text of the
             element @from points to) -->
        <xsl:variable name="so" select="boolean(@from)"/>
        <xsl:variable name="k">
          <xsl:choose>
            <xsl:when test="$standoff"><xsl:call-template name="tk-so-place-num"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="position()"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="shown" select="$lem | (tei:rdg | tei:rdgGrp/tei:rdg)[not($lem or $so)][1]"/>
        <xsl:variable name="from" select="substring-after(substring-before(concat(normalize-space(@from), ' '), ' '), '#')"/>
        <xsl:variable name="l">
          <xsl:apply-templates select="$shown/node()" mode="inline"/>
          <xsl:if test="$so and not($shown)"><xsl:for-each select="$tk-root"><xsl:apply-templates select="id($from)/node()" mode="inline"/></xsl:for-each></xsl:if>
        </xsl:variable>
        <xsl:variable name="rdgs">
          <xsl:for-each select="(tei:rdg | tei:rdgGrp/tei:rdg)[not($shown) or count(. | $shown) != 1]">
            <xsl:if test="position() > 1">; </xsl:if>
            <xsl:variable name="r"><xsl:apply-templates mode="inline"/></xsl:variable>
            <xsl:value-of select="normalize-space($r)"/>
            <xsl:if test="not(normalize-space($r))">om.</xsl:if>
            <xsl:text> </xsl:text><xsl:call-template name="tk-sigla"/>
          </xsl:for-each>
        </xsl:variable>
        <xsl:variable name="wit"><xsl:for-each select="$shown[@wit]"><xsl:text> </xsl:text><xsl:call-template name="tk-sigla"/></xsl:for-each></xsl:variable>
        <xsl:call-template name="wrap">
          <xsl:with-param name="text" select="normalize-space(concat($k, ' ', normalize-space($l), $wit, '] ', $rdgs))"/>
          <xsl:with-param name="hang" select="'    '"/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:value-of select="$tk-nl"/>
    </xsl:if>
  </xsl:template>

  <!-- The facsimile after the text: a line per page image file a page break points to
       ("Page 1: facs/p1.png"), then a line per surface with its images and zones. A page image
       named by an identifier only (FRUS's facs="0078": no scheme, no file extension; a viewer
       of the project resolves it) is no file a reader can open: such pages are counted in one
       line ("707 page images named by identifier only (0005 ... 0711)"), not listed. -->
  <xsl:template name="facsimile">
    <xsl:if test="$tk-facs-pbs or $tk-surfaces">
      <xsl:variable name="pages-rtf"><xsl:for-each select="$tk-facs-pbs"><xsl:call-template name="tk-facs-urls"/></xsl:for-each></xsl:variable>
      <xsl:variable name="pages" select="exsl:node-set($pages-rtf)/u"/>
      <xsl:variable name="files" select="$pages[contains(., ':') or contains(str:tokenize(., '/')[last()], '.')]"/>
      <xsl:variable name="names" select="$pages[not(contains(., ':') or contains(str:tokenize(., '/')[last()], '.'))]"/>
      <xsl:variable name="named">
        <xsl:if test="$names">
          <xsl:value-of select="concat(count($names), ' page image', substring('s', 1, number(count($names) != 1)), ' named by identifier only (', $names[1])"/>
          <xsl:if test="count($names) > 1"><xsl:value-of select="concat(' ... ', $names[last()])"/></xsl:if>
          <xsl:text>)</xsl:text>
        </xsl:if>
      </xsl:variable>
      <xsl:choose>
        <xsl:when test="not($files or $tk-surfaces)">
          <xsl:call-template name="wrap">
            <xsl:with-param name="text" select="concat('Facsimile: ', $named)"/>
            <xsl:with-param name="hang" select="'    '"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="concat('Facsimile:', $tk-nl)"/>
          <xsl:for-each select="$files">
            <xsl:value-of select="concat(substring(concat('Page ', @n, ': '), 1, (7 + string-length(@n)) * number(boolean(string(@n)))), ., $tk-nl)"/>
          </xsl:for-each>
          <xsl:for-each select="$tk-surfaces">
            <xsl:variable name="line">
              <xsl:value-of select="normalize-space(concat('Surface ', @n, substring(concat(' ', @xml:id), 1, (1 + string-length(@xml:id)) * number(not(normalize-space(@n))))))"/>
              <xsl:text>:</xsl:text>
              <xsl:for-each select="tei:graphic"><xsl:value-of select="concat(' ', normalize-space(@url))"/></xsl:for-each>
              <xsl:for-each select="tei:zone"><xsl:text>; zone </xsl:text><xsl:call-template name="tk-zone-words"/></xsl:for-each>
            </xsl:variable>
            <xsl:call-template name="wrap">
              <xsl:with-param name="text" select="normalize-space($line)"/>
              <xsl:with-param name="hang" select="'    '"/>
            </xsl:call-template>
          </xsl:for-each>
          <xsl:if test="$names">
            <xsl:call-template name="wrap">
              <xsl:with-param name="text" select="string($named)"/>
              <xsl:with-param name="hang" select="'    '"/>
            </xsl:call-template>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:value-of select="$tk-nl"/>
    </xsl:if>
  </xsl:template>

  <!-- ================================================================ blocks -->
  <!-- A container holds blocks; any other element is one block of running text. -->
  <xsl:template match="*" mode="block" name="tk-block">
    <xsl:param name="prefix" select="''"/>
    <xsl:variable name="container" select="not(text()[normalize-space()]) and *[contains($tk-blocks, concat(' ', local-name(), ' '))]"/>
    <xsl:choose>
      <xsl:when test="$container">
        <xsl:if test="normalize-space($prefix)">
          <xsl:call-template name="wrap"><xsl:with-param name="text" select="normalize-space($prefix)"/></xsl:call-template>
        </xsl:if>
        <xsl:apply-templates select="node()" mode="block"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="leaf"><xsl:with-param name="prefix" select="$prefix"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A division: its number on a line of its own before it when it has no head ("Poem 12"),
       before its head when the head does not say it (common.xsl's tk-div-label), so that the
       poems of a collection stand apart, numbered. -->
  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7" mode="block">
    <!-- (not in a document teikit converted: its text reproduces the transcript) -->
    <xsl:variable name="label"><xsl:if test="@n and not($tk-ours)"><xsl:call-template name="tk-div-label"/></xsl:if></xsl:variable>
    <xsl:variable name="head" select="tei:head[normalize-space()][1]"/>
    <xsl:choose>
      <xsl:when test="$label = ''"><xsl:call-template name="tk-block"/></xsl:when>
      <xsl:when test="$head">
        <xsl:apply-templates select="$head/preceding-sibling::node()" mode="block"/>
        <xsl:apply-templates select="$head" mode="block"><xsl:with-param name="prefix" select="concat($label, ' ')"/></xsl:apply-templates>
        <xsl:apply-templates select="$head/following-sibling::node()" mode="block"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="wrap"><xsl:with-param name="text" select="$label"/></xsl:call-template>
        <xsl:value-of select="$tk-nl"/>
        <xsl:call-template name="tk-block"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="text()" mode="block">
    <xsl:if test="normalize-space()">
      <xsl:call-template name="wrap"><xsl:with-param name="text" select="normalize-space()"/></xsl:call-template>
      <xsl:value-of select="$tk-nl"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="comment() | processing-instruction()" mode="block"/>
  <xsl:template match="tei:teiHeader | tei:facsimile | tei:standOff" mode="block"/>

  <!-- One block of running text: inline content, whitespace collapsed, wrapped, then a blank
       line (verse lines of one group stay together). -->
  <xsl:template name="leaf">
    <xsl:param name="prefix" select="''"/>
    <xsl:param name="hang" select="''"/>
    <!-- a block's content is its children; an inline element standing alone (an incident
         between turns, a page break) is rendered as itself -->
    <xsl:variable name="content">
      <xsl:choose>
        <xsl:when test="contains($tk-blocks, concat(' ', local-name(), ' '))">
          <!-- a block's own printed brackets (a stage direction [Sings] on its own line) -->
          <xsl:call-template name="tk-open"/><xsl:apply-templates mode="inline"/><xsl:call-template name="tk-close"/>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates select="." mode="inline"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <!-- a verse line's printed number (@rend numbered: after the line; with number-first:
         before it), diplomatic view -->
    <xsl:variable name="num" select="self::tei:l[$tk-dipl and contains(concat(' ', @rend, ' '), ' numbered ')]/@n"/>
    <xsl:variable name="first" select="contains(concat(' ', @rend, ' '), ' number-first ')"/>
    <xsl:variable name="text" select="normalize-space(concat($prefix, substring(concat($num, ' '), 1, 99 * number($first and $num)), $content, substring(concat('  ', $num), 1, 99 * number(not($first) and $num))))"/>
    <xsl:if test="$text != ''">
      <xsl:choose>
        <!-- a verse line: its number in a gutter of six columns (every $tk-verse-n-th) -->
        <xsl:when test="$tk-verse-n > 0 and self::tei:l and not(ancestor::tei:note)">
          <xsl:variable name="k">
            <xsl:choose>
              <xsl:when test="normalize-space(@n)"><xsl:value-of select="normalize-space(@n)"/></xsl:when>
              <xsl:when test="$tk-c-index"><xsl:value-of select="tk:index(., 'tk-lines')"/></xsl:when>
              <xsl:otherwise>
                <xsl:variable name="me" select="."/>
                <xsl:for-each select="$tk-lines"><xsl:if test="count(. | $me) = 1"><xsl:value-of select="position()"/></xsl:if></xsl:for-each>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:variable>
          <xsl:variable name="shown" select="substring($k, 1, 99 * number($tk-verse-n = 1 or (number($k) = number($k) and number($k) mod $tk-verse-n = 0)))"/>
          <p><xsl:value-of select="concat(substring($tk-gutter, 1, 4 - string-length($shown)), $shown, substring('  ', 1 + number(string-length($shown) > 4)))"/></p>
          <xsl:call-template name="wrap">
            <xsl:with-param name="text" select="$text"/>
            <xsl:with-param name="hang" select="concat($tk-gutter, $hang)"/>
            <xsl:with-param name="w" select="number($width) - 6 * number($width > 0)"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="wrap">
            <xsl:with-param name="text" select="$text"/>
            <xsl:with-param name="hang" select="$hang"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <!-- (the lines of a genetic edition's zone stay together too) -->
      <xsl:if test="not((ancestor-or-self::tei:l[1]/following-sibling::*[1])[self::tei:l]) and not((self::tei:line/following-sibling::*[1])[self::tei:line])">
        <xsl:value-of select="$tk-nl"/>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- A speaker turn: the label as printed; a label ending in ':' or '.' runs into the first
       block (transcripts), any other stands on its own line (plays). -->
  <xsl:template match="tei:sp" mode="block">
    <!-- what stands before the label (a timestamp, a page break) leads the line -->
    <xsl:variable name="spk" select="tei:speaker[1]"/>
    <!-- metadata and comment lines of a teikit transcript (diplomatic) keep their own lines,
         and so does what stands between them -->
    <xsl:variable name="lines" select="$tk-keylines and $spk/preceding-sibling::*[self::tei:pb or self::tei:milestone or self::tei:note[@type='comment']]"/>
    <xsl:if test="$lines">
      <xsl:for-each select="$spk/preceding-sibling::*">
        <xsl:variable name="line"><xsl:apply-templates select="." mode="inline"/></xsl:variable>
        <xsl:if test="normalize-space($line)">
          <xsl:call-template name="wrap"><xsl:with-param name="text" select="normalize-space($line)"/></xsl:call-template>
        </xsl:if>
      </xsl:for-each>
    </xsl:if>
    <xsl:variable name="pre-rtf"><xsl:apply-templates select="$spk/preceding-sibling::node()[not($lines)]" mode="inline"/></xsl:variable>
    <xsl:variable name="lab-rtf"><xsl:apply-templates select="$spk" mode="inline"/></xsl:variable>
    <xsl:variable name="lab" select="normalize-space(concat($pre-rtf, ' ', $lab-rtf))"/>
    <xsl:variable name="speaker" select="normalize-space($lab-rtf)"/>
    <xsl:variable name="last" select="substring($speaker, string-length($speaker))"/>
    <xsl:variable name="body" select="$spk/following-sibling::node() | node()[not($spk)]"/>
    <xsl:variable name="first" select="$body[self::*][1]"/>
    <xsl:choose>
      <xsl:when test="$spk and ($last = ':' or $last = '.') and $first and not($first[self::tei:lg or self::tei:sp])">
        <xsl:apply-templates select="$first" mode="block">
          <xsl:with-param name="prefix" select="concat($lab, ' ')"/>
        </xsl:apply-templates>
        <xsl:apply-templates select="$first/following-sibling::node()" mode="block"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:if test="$lab != ''">
          <xsl:call-template name="wrap"><xsl:with-param name="text" select="$lab"/></xsl:call-template>
        </xsl:if>
        <xsl:apply-templates select="$body" mode="block"/>
        <xsl:if test="not($body[self::*])"><xsl:value-of select="$tk-nl"/></xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>



  <!-- An utterance (or annotationBlock): "Speaker: words", the speaker named from the
       personography; a u inside a block that names its speaker has none of its own, nor one
       that holds its label as printed (note[@type='speaker']: the label where it stands). -->
  <!-- (no predicate in a match pattern: see tei2html.xsl, tk-any) -->
  <xsl:template match="tei:u | tei:annotationBlock" mode="block">
    <xsl:param name="prefix" select="''"/>
    <!-- (the label inside, or printed just before it: Parla-CLARIN) -->
    <xsl:variable name="lab" select="(self::tei:u | tei:u[1])//tei:note[@type='speaker'] | preceding-sibling::*[1][self::tei:note[@type='speaker']]"/>
    <xsl:variable name="name"><xsl:if test="@who and not(parent::tei:annotationBlock[@who]) and not($lab)"><xsl:call-template name="tk-who-name"/></xsl:if></xsl:variable>
    <xsl:choose>
      <xsl:when test="not(@who and not(parent::tei:annotationBlock[@who])) or $lab">
        <xsl:call-template name="tk-block"><xsl:with-param name="prefix" select="$prefix"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="self::tei:u"><xsl:call-template name="leaf"><xsl:with-param name="prefix" select="concat($name, ': ')"/></xsl:call-template></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="u" select="tei:u[1]"/>
        <xsl:apply-templates select="$u" mode="block"><xsl:with-param name="prefix" select="concat($name, ': ')"/></xsl:apply-templates>
        <xsl:apply-templates select="node()[count(. | $u) != 1]" mode="block"/>
        <xsl:if test="not($u)"><xsl:call-template name="wrap"><xsl:with-param name="text" select="concat($name, ':')"/></xsl:call-template></xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A paragraph that leads in to a block quotation (`... as follows:` then
       quote/p) or to a list or table (p/list): its words, then each quoted paragraph, the
       list or the table a block of its own, as printed. -->
  <xsl:template match="tei:p" mode="block">
    <xsl:param name="prefix" select="''"/>
    <xsl:variable name="q" select="(tei:quote[tei:p] | tei:list | tei:table)[1]"/>
    <xsl:choose>
      <xsl:when test="$q">
        <xsl:variable name="lead"><xsl:apply-templates select="$q/preceding-sibling::node()" mode="inline"/></xsl:variable>
        <xsl:if test="normalize-space(concat($prefix, $lead))">
          <xsl:call-template name="wrap"><xsl:with-param name="text" select="normalize-space(concat($prefix, $lead))"/></xsl:call-template>
          <xsl:value-of select="$tk-nl"/>
        </xsl:if>
        <xsl:apply-templates select="$q[self::tei:quote]/node() | $q[not(self::tei:quote)] | $q/following-sibling::node()" mode="block"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tk-block"><xsl:with-param name="prefix" select="$prefix"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A list item: its label (a list of label/item pairs), the printed number (@n) or a dash
       (none in a roster), continuation lines hang under it. A label that pairs with the item
       after it is printed there, not as a block of its own. -->
  <xsl:template match="tei:label" mode="block">
    <xsl:param name="prefix" select="''"/>
    <xsl:if test="not(parent::tei:list and (following-sibling::*[1])[self::tei:item])">
      <xsl:call-template name="tk-block"><xsl:with-param name="prefix" select="$prefix"/></xsl:call-template>
    </xsl:if>
  </xsl:template>
  <xsl:template match="tei:item" mode="block">
    <xsl:param name="prefix" select="''"/>
    <xsl:variable name="label" select="(preceding-sibling::*[1])[self::tei:label]"/>
    <xsl:variable name="mark">
      <xsl:choose>
        <xsl:when test="$label">
          <xsl:variable name="l"><xsl:apply-templates select="$label/node()" mode="inline"/></xsl:variable>
          <xsl:if test="normalize-space($l)"><xsl:value-of select="concat(normalize-space($l), ' ')"/></xsl:if>
        </xsl:when>
        <!-- (an @n the item's text starts with, `Article 2.`, is not printed twice) -->
        <!-- (nor a bullet: a `*` before `* * *` is the source's, see tk-alnum) -->
        <xsl:when test="normalize-space(@n) and starts-with(normalize-space(.), normalize-space(@n)) and translate(@n, $tk-alnum, '') != @n"/>
        <xsl:when test="normalize-space(@n)"><xsl:value-of select="concat(normalize-space(@n), ' ')"/></xsl:when>
        <xsl:when test="parent::tei:list[@type='ordered' or @type='numbered' or @rend='numbered']"><xsl:call-template name="tk-nth"/><xsl:text>. </xsl:text></xsl:when>
        <xsl:when test="parent::tei:list[@type='participants' or @type='simple']"/><!-- a roster, a programme: one entry a line -->
        <xsl:otherwise>- </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <!-- an item of paragraphs or with a list in it: the mark before its first words (its
           words before the first paragraph or list, else the first paragraph; alone on its
           line before a list), then each paragraph and list a block -->
      <xsl:when test="tei:p or tei:list or tei:table">
        <xsl:variable name="first" select="(tei:p | tei:list | tei:table)[1]"/>
        <xsl:variable name="lead"><xsl:apply-templates select="$first/preceding-sibling::node()" mode="inline"/></xsl:variable>
        <xsl:choose>
          <xsl:when test="normalize-space($lead) != '' or $first[self::tei:list or self::tei:table]">
            <xsl:call-template name="wrap">
              <xsl:with-param name="text" select="normalize-space(concat($prefix, $mark, $lead))"/>
              <xsl:with-param name="hang" select="substring('            ', 1, string-length($mark))"/>
            </xsl:call-template>
            <xsl:value-of select="$tk-nl"/>
            <xsl:apply-templates select="$first | $first/following-sibling::node()" mode="block"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:apply-templates select="$first" mode="block"><xsl:with-param name="prefix" select="concat($prefix, $mark)"/></xsl:apply-templates>
            <xsl:apply-templates select="$first/following-sibling::node()" mode="block"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="leaf">
          <xsl:with-param name="prefix" select="concat($prefix, $mark)"/>
          <xsl:with-param name="hang" select="substring('            ', 1, string-length($mark))"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A table row: in the diplomatic view as the source had it (the converter's rows are
       TAB-separated lines, ENCODING.md): cells separated by a TAB, one line, not wrapped; in
       the normalized view cells separated by " | ", wrapped. -->
  <xsl:template match="tei:row" mode="block">
    <xsl:variable name="cells">
      <xsl:for-each select="tei:cell">
        <xsl:if test="position() > 1">
          <xsl:choose>
            <xsl:when test="$tk-dipl"><xsl:text>&#9;</xsl:text></xsl:when>
            <xsl:otherwise><xsl:text> | </xsl:text></xsl:otherwise>
          </xsl:choose>
        </xsl:if>
        <xsl:variable name="c"><xsl:apply-templates mode="inline"/></xsl:variable>
        <xsl:value-of select="normalize-space($c)"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="not(normalize-space($cells))"/>
      <xsl:when test="$tk-dipl"><xsl:value-of select="concat($cells, $tk-nl)"/></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="wrap"><xsl:with-param name="text" select="normalize-space($cells)"/></xsl:call-template>
        <xsl:value-of select="$tk-nl"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================================ inline -->
  <!-- Any element: its content, in the brackets its @rend says were printed. -->
  <!-- a person mention: its text; tk:person() warns about pointers that name nothing -->
  <xsl:template match="tei:persName | tei:rs | tei:name" mode="inline">
    <xsl:if test="$tk-c-person and @ref and (self::tei:persName or @type = 'person') and tk:person(.) = '&#10;'"/>
    <xsl:call-template name="tk-inline"/>
  </xsl:template>

  <!-- (no predicate in a match pattern: see tei2html.xsl, tk-any) -->
  <xsl:template match="*" mode="inline" name="tk-inline">
    <!-- a superscript number (a reference's edition: 1903<hi rend="sup">4</hi>): ^4 -->
    <xsl:if test="@rend and not(self::tei:note) and not(contains(concat(' ', @rend, ' '), ' tagged ')) and (contains(concat(' ', @rend, ' '), ' sup ') or contains(concat(' ', @rend, ' '), ' superscript ')) and normalize-space() and translate(normalize-space(), '0123456789', '') = ''">^</xsl:if>
    <xsl:choose>
      <!-- (a direction in an e-book's _italics_ stays glued to its dash and punctuation) -->
      <xsl:when test="contains($tk-spaced, concat(' ', local-name(), ' ')) and not(contains(concat(' ', @rend, ' '), ' underscored '))">
        <xsl:text> </xsl:text><xsl:call-template name="tk-open"/><xsl:apply-templates mode="inline"/><xsl:call-template name="tk-close"/><xsl:text> </xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tk-apart-space"/>
        <xsl:call-template name="tk-open"/><xsl:apply-templates mode="inline"/><xsl:call-template name="tk-close"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="comment() | processing-instruction()" mode="inline"/>
  <xsl:template match="tei:teiHeader | tei:facsimile | tei:standOff | tei:timeline" mode="inline"/>

  <!-- line and column breaks, milestones -->
  <xsl:template match="tei:lb" mode="inline">
    <xsl:if test="not(@break='no' or @type='hyphenInWord')"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>
  <!-- text beside a break inside a word: no space at the join -->
  <xsl:template mode="inline" match="text()">
    <xsl:choose>
      <xsl:when test="$tk-inword"><xsl:call-template name="tk-text"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:cb | tei:handShift | tei:gb | tei:ptr" mode="inline"/>
  <xsl:template match="tei:space" mode="inline"><xsl:text> </xsl:text></xsl:template>

  <!-- page breaks (diplomatic view): from a printed [Page n] its brackets (@rend) around
       "Page n"; else, in a teikit document, the `_page : n` line it came from; else [Page n] -->
  <xsl:template match="tei:pb" mode="inline">
    <xsl:variable name="r" select="concat(' ', normalize-space(@rend), ' ')"/>
    <xsl:choose>
      <!-- (inside a word: nothing, the word stays whole) -->
      <xsl:when test="not($tk-dipl) or not(normalize-space(@n)) or @break = 'no'"/>
      <xsl:when test="contains($r, ' bracketed ') or contains($r, ' parenthesized ')">
        <xsl:call-template name="tk-open"/><xsl:value-of select="concat('Page ', normalize-space(@n))"/><xsl:call-template name="tk-close"/>
      </xsl:when>
      <xsl:when test="$tk-keylines"><xsl:call-template name="keyline"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat(' [Page ', normalize-space(@n), '] ')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:milestone" mode="inline">
    <xsl:if test="$tk-keylines and @unit and not(normalize-space(@rend))"><xsl:call-template name="keyline"/></xsl:if>
  </xsl:template>

  <!-- A metadata or comment line of a teikit document as the transcript printed it. -->
  <xsl:template name="keyline">
    <xsl:choose>
      <xsl:when test="self::tei:pb"><xsl:value-of select="concat(' _page : ', normalize-space(@n), ' ')"/></xsl:when>
      <xsl:when test="self::tei:milestone"><xsl:value-of select="concat(' _', normalize-space(@unit), ' : ', normalize-space(@n), ' ')"/></xsl:when>
      <!-- (a comment printed with its own keyword, rend='plain': a caption's NOTE block) -->
      <xsl:otherwise><xsl:text> </xsl:text><xsl:if test="not(contains(concat(' ', normalize-space(@rend), ' '), ' plain '))"><xsl:text># </xsl:text></xsl:if><xsl:apply-templates mode="inline"/><xsl:text> </xsl:text></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- timestamps: the time as printed (diplomatic view; the normalized one has none) -->
  <xsl:template match="tei:anchor" mode="inline">
    <xsl:if test="$tk-dipl and @synch">
      <xsl:call-template name="tk-open"><xsl:with-param name="default" select="'['"/></xsl:call-template>
      <xsl:call-template name="tk-time-words"/>
      <xsl:call-template name="tk-close"><xsl:with-param name="default" select="'['"/></xsl:call-template>
      <!-- a point between words: a space after it unless the text after it has its own space
           or begins with punctuation ("MARK (2:09:06). There's") -->
      <xsl:variable name="next" select="following-sibling::node()[1]"/>
      <!-- (a caption's <00:00:01.000>, rend tagged, is glued to the word as printed) -->
      <xsl:if test="not(contains(concat(' ', @rend, ' '), ' tagged ')) and ($next[self::*] or ($next[self::text()] and not(contains(concat(' &#9;&#10;&#13;', $tk-punct), substring($next, 1, 1)))))">
        <xsl:text> </xsl:text>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- choice: sic/abbr/orig in the diplomatic view, corr/expan/reg in the normalized one -->
  <xsl:template match="tei:choice" mode="inline">
    <xsl:variable name="pick"
        select="(tei:sic | tei:abbr | tei:orig)[$tk-dipl][1] | (tei:corr | tei:expan | tei:reg)[not($tk-dipl)][1]"/>
    <xsl:apply-templates select="$pick | *[1][not($pick)]" mode="inline"/>
  </xsl:template>

  <!-- expansions (always [ ] in the diplomatic view) and supplied words -->
  <xsl:template match="tei:ex | tei:supplied" mode="inline">
    <xsl:call-template name="tk-open"><xsl:with-param name="default" select="'['"/></xsl:call-template>
    <xsl:apply-templates mode="inline"/>
    <xsl:call-template name="tk-close"><xsl:with-param name="default" select="'['"/></xsl:call-template>
  </xsl:template>

  <!-- deletions and forme work: diplomatic view only -->
  <!-- an apparatus entry: its lemma in the text (the readings follow the text) -->
  <xsl:template match="tei:app" mode="inline">
    <xsl:if test="not(@from)">
    <xsl:variable name="lem" select="(tei:lem | tei:rdgGrp/tei:lem)[1]"/>
    <xsl:apply-templates select="$lem | (tei:rdg | tei:rdgGrp/tei:rdg)[not($lem)][1]" mode="inline"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:del | tei:fw" mode="inline">
    <xsl:if test="$tk-dipl"><xsl:call-template name="tk-open"/><xsl:apply-templates mode="inline"/><xsl:call-template name="tk-close"/></xsl:if>
  </xsl:template>

  <!-- notes: inline ones where they stand (diplomatic), the others as markers -->
  <xsl:template match="tei:note" mode="inline">
    <xsl:variable name="inline"><xsl:call-template name="tk-note-inline"/></xsl:variable>
    <xsl:variable name="label"><xsl:call-template name="tk-note-label"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$tk-keylines and self::tei:note[@type='comment']"><xsl:call-template name="keyline"/></xsl:when>
      <!-- a speaker label as printed (spoken output, Parla-CLARIN) -->
      <xsl:when test="@type = 'speaker'"><xsl:apply-templates mode="inline"/></xsl:when>
      <xsl:when test="@type = 'classification'"><xsl:apply-templates mode="inline"/></xsl:when>
      <xsl:when test="$tk-dipl and $inline = '1' and @type = 'unanchored'">
        <xsl:text> </xsl:text><xsl:call-template name="tk-list-label"><xsl:with-param name="label" select="normalize-space(@n)"/></xsl:call-template><xsl:text> </xsl:text><xsl:apply-templates mode="inline"/><xsl:text> </xsl:text>
      </xsl:when>
      <xsl:when test="$tk-dipl and $inline = '1'">
        <!-- (an inline note of TEI from elsewhere, without @rend, in brackets of its own) -->
        <xsl:variable name="d" select="substring('[', 1, number(not($tk-ours)))"/>
        <xsl:call-template name="tk-open"><xsl:with-param name="default" select="$d"/></xsl:call-template><xsl:apply-templates mode="inline"/><xsl:call-template name="tk-close"><xsl:with-param name="default" select="$d"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$label != '' and $tk-dipl">
        <xsl:call-template name="tk-marker"><xsl:with-param name="label" select="$label"/></xsl:call-template>
      </xsl:when>
      <!-- (an editorial note's letter stands apart from the word before it: amet [a], never
           amet[a], which would read as letters an editor supplied) -->
      <xsl:when test="$label != ''"><xsl:value-of select="concat(substring(' ', 1, number(boolean(self::tei:note[@place='inline']))), '[', $label, ']')"/></xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- spoken and editorial events -->
  <xsl:template match="tei:gap" mode="inline">
    <xsl:call-template name="tk-open"><xsl:with-param name="default" select="'['"/></xsl:call-template>
    <xsl:call-template name="tk-gap-words"/>
    <xsl:call-template name="tk-close"><xsl:with-param name="default" select="'['"/></xsl:call-template>
  </xsl:template>
  <!-- (a spoken event is a word of its own: spaced in TEI from elsewhere, where spoken text is
       often <seg>you said</seg><pause/>; in teikit's documents the spaces are the
       transcript's own) -->
  <xsl:template match="tei:vocal | tei:incident | tei:kinesic | tei:pause | tei:shift | tei:writing" mode="inline">
    <xsl:if test="not($tk-ours)"><xsl:text> </xsl:text></xsl:if>
    <xsl:call-template name="tk-open"><xsl:with-param name="default" select="'['"/></xsl:call-template>
    <xsl:call-template name="tk-event-words"/>
    <xsl:call-template name="tk-close"><xsl:with-param name="default" select="'['"/></xsl:call-template>
    <xsl:if test="not($tk-ours)"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>
  <!-- MathML: its symbols apart (plain text cannot lay a formula out) -->
  <xsl:template match="m:*" mode="inline">
    <xsl:text> </xsl:text><xsl:apply-templates mode="inline"/><xsl:text> </xsl:text>
  </xsl:template>
  <xsl:template match="tei:desc" mode="inline"/>

  <!-- ========================================================= persons index -->
  <xsl:template name="persons-index">
    <xsl:if test="$tk-mentions">
      <xsl:value-of select="concat('Persons:', $tk-nl)"/>
      <!-- the persons of the personography, in its order -->
      <xsl:for-each select="//tei:person[@xml:id]">
        <xsl:call-template name="persons-line">
          <xsl:with-param name="key" select="concat('#', @xml:id)"/>
          <xsl:with-param name="id" select="@xml:id"/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:value-of select="$tk-nl"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="persons-line">
    <xsl:param name="key"/>
    <xsl:param name="id"/>
    <xsl:variable name="n"><xsl:call-template name="tk-mention-count"><xsl:with-param name="key" select="$key"/></xsl:call-template></xsl:variable>
    <xsl:if test="$n > 0">
      <xsl:variable name="name"><xsl:call-template name="tk-person-name"><xsl:with-param name="id" select="$id"/></xsl:call-template></xsl:variable>
      <!-- its authority records (common.xsl's table): "; VIAF https://viaf.org/viaf/..." -->
      <xsl:variable name="auth">
        <xsl:for-each select="id($id)[self::tei:person][1][tei:idno]">
          <xsl:variable name="a"><xsl:call-template name="tk-person-authorities"/></xsl:variable>
          <xsl:for-each select="exsl:node-set($a)/a"><xsl:value-of select="concat('; ', @label, ' ', @href)"/></xsl:for-each>
        </xsl:for-each>
      </xsl:variable>
      <xsl:call-template name="wrap">
        <xsl:with-param name="text" select="concat($name, ' (', $id, '): ', $n, ' mention', substring('s', 1, number($n != 1)), $auth)"/>
        <xsl:with-param name="hang" select="'  '"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ================================================================= wrap -->
  <!-- Writes `text` (whitespace already collapsed) as lines of at most $width characters
       (a longer word gets a line of its own), the first line as is, the others after `hang`,
       each line ended by a newline. Uses tk:wrap() when the host provides it. -->
  <xsl:template name="wrap">
    <xsl:param name="text"/>
    <xsl:param name="hang" select="''"/>
    <!-- the line width (a verse line's text: $width less its gutter) -->
    <xsl:param name="w" select="$width"/>
    <!-- each paragraph in an element of its own: the text output method writes only the text,
         and the result never becomes one huge text node that libxslt would copy (and measure)
         again for every paragraph appended after a variable was built -->
    <p>
    <xsl:choose>
      <xsl:when test="function-available('tk:wrap')">
        <xsl:value-of select="tk:wrap($text, number($w), $hang)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="wrap-xslt">
          <xsl:with-param name="text" select="$text"/>
          <xsl:with-param name="hang" select="$hang"/>
          <xsl:with-param name="lead" select="''"/>
          <xsl:with-param name="w" select="$w"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    </p>
  </xsl:template>

  <xsl:template name="wrap-xslt">
    <xsl:param name="text"/>
    <xsl:param name="hang"/>
    <xsl:param name="lead"/>
    <xsl:param name="w" select="$width"/>
    <xsl:variable name="room" select="number($w) - string-length($lead)"/>
    <xsl:choose>
      <xsl:when test="not(number($w) > 0) or string-length($text) &lt;= $room">
        <xsl:value-of select="concat($lead, $text, $tk-nl)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="head" select="substring($text, 1, $room + 1)"/>
        <xsl:variable name="cut">
          <xsl:call-template name="last-space"><xsl:with-param name="s" select="$head"/></xsl:call-template>
        </xsl:variable>
        <xsl:variable name="at">
          <xsl:choose>
            <xsl:when test="$cut > 1"><xsl:value-of select="$cut"/></xsl:when>
            <!-- a word longer than the line: break after it -->
            <xsl:when test="contains($text, ' ')"><xsl:value-of select="string-length(substring-before($text, ' ')) + 1"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="string-length($text) + 1"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:value-of select="concat($lead, substring($text, 1, $at - 1), $tk-nl)"/>
        <xsl:if test="substring($text, $at + 1) != ''">
          <xsl:call-template name="wrap-xslt">
            <xsl:with-param name="text" select="substring($text, $at + 1)"/>
            <xsl:with-param name="hang" select="$hang"/>
            <xsl:with-param name="lead" select="$hang"/>
            <xsl:with-param name="w" select="$w"/>
          </xsl:call-template>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The 1-based position of the last space in s, or 0. -->
  <xsl:template name="last-space">
    <xsl:param name="s"/>
    <xsl:param name="base" select="0"/>
    <xsl:choose>
      <xsl:when test="contains($s, ' ')">
        <xsl:variable name="before" select="string-length(substring-before($s, ' ')) + 1"/>
        <xsl:call-template name="last-space">
          <xsl:with-param name="s" select="substring($s, $before + 1)"/>
          <xsl:with-param name="base" select="$base + $before"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$base"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
