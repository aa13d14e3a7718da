<?xml version="1.0" encoding="UTF-8"?>
<!-- html-rules.xsl: the rules of tei2html.xsl (which imports them): TEI P5 -> one self-contained HTML5 page (inline CSS, no script, nothing
     fetched): header metadata, the text with speaker turns, spoken events and persons marked,
     footnotes with links both ways, an index of persons linking to every mention, a switch
     between the diplomatic and the normalized view (CSS only: both readings are in the page),
     and a print style. Works on any TEI: elements it does not know become span/div with their
     text. Parameters: view (diplomatic|normalized: the view shown first), css (extra CSS
     appended to the built-in style). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:exsl="http://exslt.org/common"
    xmlns:tk="urn:x-teikit:render"
    xmlns:m="http://www.w3.org/1998/Math/MathML"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="tei exsl tk m str">

  <xsl:include href="common.xsl"/>
  <xsl:include href="persons-index.xsl"/>
  <xsl:output method="html" encoding="UTF-8" indent="no" doctype-system="about:legacy-compat"/>

  <xsl:param name="css" select="''"/>

  <!-- ======================================================== citable edition -->
  <!-- Stable anchors and numbers a reader can cite: paragraphs (p12), speaker turns (t3;
       utterances u3), verse lines (l40), divisions with a head (d2). The anchor is the
       element's @xml:id when it has one, else the prefix and the element's number among its
       kind in the document. The number (@n when the element has one) goes into data-n, which
       the style sheet shows in the margin: generated content, so copied text and the words of
       the page stay the source's. -->
  <xsl:variable name="tk-paras" select="(//tei:p)[$tk-whole or ancestor::tei:text][not(ancestor::tei:note)]"/>
  <xsl:variable name="tk-sps" select="(//tei:sp)[$tk-whole or ancestor::tei:text]"/>
  <xsl:variable name="tk-us" select="(//tei:u)[$tk-whole or ancestor::tei:text][not(parent::tei:annotationBlock)]"/>
  <xsl:variable name="tk-heads" select="(//tei:head)[parent::tei:div or parent::tei:div1 or parent::tei:div2 or parent::tei:div3 or parent::tei:div4 or parent::tei:div5 or parent::tei:div6 or parent::tei:div7][$tk-whole or ancestor::tei:text]"/>

  <!-- id and data-n of the context element, number `k` in its kind (see above); `every`: the
       number is shown only when it is a multiple of it. -->
  <xsl:template name="cite-attrs">
    <xsl:param name="k"/>
    <xsl:param name="prefix"/>
    <xsl:param name="every" select="1"/>
    <xsl:variable name="n" select="concat(normalize-space(@n), substring($k, 1, 99 * number(not(normalize-space(@n)))))"/>
    <xsl:choose>
      <xsl:when test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:when>
      <xsl:when test="number($k) = number($k)"><xsl:attribute name="id"><xsl:value-of select="concat($prefix, $k)"/></xsl:attribute></xsl:when>
    </xsl:choose>
    <xsl:if test="$n != '' and ($every = 1 or (number($n) = number($n) and number($n) mod $every = 0))">
      <xsl:attribute name="data-n"><xsl:value-of select="$n"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- The anchor of the context element in the node-set variable `set` (tk:index() under
       teikit; counted under xsltproc). -->
  <xsl:template name="cite-anchor">
    <xsl:param name="set"/>
    <xsl:param name="prefix"/>
    <xsl:param name="every" select="1"/>
    <xsl:choose>
      <xsl:when test="$tk-c-index">
        <xsl:call-template name="cite-attrs">
          <xsl:with-param name="k" select="tk:index(., $set)"/>
          <xsl:with-param name="prefix" select="$prefix"/>
          <xsl:with-param name="every" select="$every"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="me" select="."/>
        <xsl:variable name="all" select="$tk-paras[$set = 'tk-paras'] | $tk-sps[$set = 'tk-sps'] | $tk-us[$set = 'tk-us'] | $tk-lines[$set = 'tk-lines'] | $tk-heads[$set = 'tk-heads']"/>
        <xsl:call-template name="cite-attrs">
          <xsl:with-param name="k">
            <xsl:for-each select="$all"><xsl:if test="count(. | $me) = 1"><xsl:value-of select="position()"/></xsl:if></xsl:for-each>
          </xsl:with-param>
          <xsl:with-param name="prefix" select="$prefix"/>
          <xsl:with-param name="every" select="$every"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A table of contents: every division with a head, when there are two or more. -->
  <xsl:template name="toc">
    <xsl:variable name="heads" select="$tk-heads[not($tk-title-head and count(. | $tk-title-head) = 1)]"/>
    <xsl:if test="count($heads) > 1">
      <nav class="toc" aria-labelledby="tk-toc-h">
        <h2 id="tk-toc-h">Contents</h2>
        <ol>
          <xsl:for-each select="$heads">
            <xsl:variable name="depth" select="count(ancestor::tei:div | ancestor::tei:div1 | ancestor::tei:div2 | ancestor::tei:div3 | ancestor::tei:div4 | ancestor::tei:div5 | ancestor::tei:div6 | ancestor::tei:div7)"/>
            <xsl:variable name="id">
              <xsl:for-each select=".."><xsl:call-template name="div-id"/></xsl:for-each>
            </xsl:variable>
            <li class="toc{$depth}"><a href="#{$id}"><xsl:if test="../@n"><xsl:value-of select="concat(normalize-space(../@n), ' ')"/></xsl:if><xsl:apply-templates mode="tk-plain"/></a></li>
          </xsl:for-each>
        </ol>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- "Cite this": a reference to the edition built from the header (authors, title, editors,
       publisher, date, identifier), and how to cite a passage (the margin numbers). -->
  <xsl:template name="cite-this">
    <xsl:variable name="fd" select="$tk-header/tei:fileDesc"/>
    <xsl:variable name="ps" select="$fd/tei:publicationStmt"/>
    <xsl:variable name="title"><xsl:call-template name="tk-title"/></xsl:variable>
    <section class="cite" id="tk-cite" aria-labelledby="tk-cite-h">
      <h2 id="tk-cite-h">Cite this edition</h2>
      <p class="reference">
        <xsl:for-each select="$fd/tei:titleStmt/tei:author">
          <xsl:if test="position() > 1">; </xsl:if><xsl:call-template name="tk-plain"/>
          <xsl:if test="position() = last()">. </xsl:if>
        </xsl:for-each>
        <cite><xsl:value-of select="normalize-space($title)"/></cite><xsl:text>.</xsl:text>
        <xsl:for-each select="$fd/tei:titleStmt/tei:editor">
          <xsl:if test="position() = 1"> Edited by </xsl:if>
          <xsl:if test="position() > 1">, </xsl:if><xsl:call-template name="tk-plain"/>
          <xsl:if test="position() = last()">.</xsl:if>
        </xsl:for-each>
        <xsl:for-each select="($ps/tei:publisher | $ps/tei:authority | $ps/tei:distributor)[1]">
          <xsl:text> </xsl:text><xsl:call-template name="tk-plain"/>
        </xsl:for-each>
        <xsl:for-each select="$ps/tei:date[1]">
          <xsl:text>, </xsl:text>
          <xsl:choose>
            <xsl:when test="normalize-space()"><xsl:value-of select="normalize-space()"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="@when"/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
        <xsl:if test="$ps/tei:publisher | $ps/tei:authority | $ps/tei:distributor | $ps/tei:date">.</xsl:if>
        <xsl:for-each select="$ps/tei:idno[normalize-space()][1]">
          <xsl:text> </xsl:text><xsl:value-of select="normalize-space()"/><xsl:text>.</xsl:text>
        </xsl:for-each>
      </p>
      <p class="how">A passage is cited by the number in the margin: paragraph p12, turn t3, line l40 (this page's address followed by #p12).</p>
    </section>
  </xsl:template>

  <!-- The anchor of the context division: @xml:id, else d and the number of its head. -->
  <xsl:template name="div-id">
    <xsl:choose>
      <xsl:when test="@xml:id"><xsl:value-of select="@xml:id"/></xsl:when>
      <xsl:when test="$tk-c-index"><xsl:value-of select="concat('d', tk:index(tei:head[1], 'tk-heads'))"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="h" select="tei:head[1]"/>
        <xsl:for-each select="$tk-heads"><xsl:if test="count(. | $h) = 1"><xsl:value-of select="concat('d', position())"/></xsl:if></xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================================= page -->
  <xsl:template match="/">
    <xsl:variable name="title"><xsl:call-template name="tk-title"/></xsl:variable>
    <xsl:variable name="lang"><xsl:call-template name="tk-lang"/></xsl:variable>
    <xsl:variable name="meta"><xsl:call-template name="tk-meta-items"/></xsl:variable>
    <html lang="{$lang}">
      <head>
        <!-- libxslt writes the charset meta itself (html output method) -->
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="teikit"/>
        <title><xsl:value-of select="normalize-space($title)"/></title>
        <style><xsl:call-template name="style"/><xsl:value-of select="$css"/></style>
      </head>
      <body>
        <!-- the view switch: two radio buttons whose state the CSS reads (works without script) -->
        <input type="radio" name="tk-view" id="tk-view-dipl" class="tk-view">
          <xsl:if test="$tk-dipl"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
        </input>
        <input type="radio" name="tk-view" id="tk-view-norm" class="tk-view">
          <xsl:if test="not($tk-dipl)"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
        </input>
        <header class="doc-header">
          <nav class="tk-controls" aria-label="Reading view">
            <span class="tk-controls-label">View:</span>
            <label for="tk-view-dipl" title="as the source had it: expansions, supplied words and editorial notes in [ ], sic as printed">Diplomatic</label>
            <label for="tk-view-norm" title="corrections and expansions applied, editorial notes as footnotes">Normalized</label>
            <xsl:if test="$tk-notes-all"><a href="#tk-notes">Notes</a></xsl:if>
            <xsl:if test="$tk-apps or $tk-so-apps"><a href="#tk-apparatus">Apparatus</a></xsl:if>
            <xsl:if test="$tk-mentions"><a href="#tk-persons">Persons</a></xsl:if>
          </nav>
          <h1>
            <xsl:choose>
              <!-- (the head that says the title, with its mentions or note markers) -->
              <xsl:when test="$tk-title-head/*"><xsl:apply-templates select="$tk-title-head/node()"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="normalize-space($title)"/></xsl:otherwise>
            </xsl:choose>
          </h1>
          <xsl:call-template name="meta-list">
            <xsl:with-param name="items" select="exsl:node-set($meta)/item[not(@label = 'Rights' or @label = 'Publisher')]"/>
          </xsl:call-template>
        </header>
        <main>
          <xsl:call-template name="toc"/>
          <article class="tei-text">
            <xsl:for-each select="$tk-texts">
              <!-- a document of a corpus (teiCorpus/TEI): its own title and metadata first -->
              <xsl:variable name="h" select="ancestor::tei:TEI[1]/tei:teiHeader"/>
              <xsl:if test="$h and count($h | $tk-header) != 1">
                <xsl:variable name="t">
                  <xsl:call-template name="tk-title">
                    <xsl:with-param name="h" select="$h"/>
                    <xsl:with-param name="texts" select="."/>
                  </xsl:call-template>
                </xsl:variable>
                <xsl:variable name="m"><xsl:call-template name="tk-meta-items"><xsl:with-param name="h" select="$h"/></xsl:call-template></xsl:variable>
                <header class="part-header">
                  <h2><xsl:value-of select="normalize-space($t)"/></h2>
                  <xsl:call-template name="meta-list"><xsl:with-param name="items" select="exsl:node-set($m)/item"/></xsl:call-template>
                </header>
              </xsl:if>
              <xsl:apply-templates select="."/>
            </xsl:for-each>
          </article>
          <xsl:call-template name="notes"/>
          <xsl:call-template name="apparatus"/>
          <xsl:call-template name="facsimile"/>
          <xsl:call-template name="tk-persons-index"/>
          <xsl:call-template name="cite-this"/>
        </main>
        <!-- publisher and rights at the foot of the page, as in a printed edition -->
        <xsl:if test="exsl:node-set($meta)/item[@label = 'Rights' or @label = 'Publisher']">
          <footer class="doc-footer">
            <xsl:for-each select="exsl:node-set($meta)/item[@label = 'Rights' or @label = 'Publisher']">
              <p><strong><xsl:value-of select="@label"/>:</strong><xsl:text> </xsl:text><xsl:value-of select="."/></p>
            </xsl:for-each>
          </footer>
        </xsl:if>
      </body>
    </html>
  </xsl:template>

  <!-- Metadata items (tk-meta-items) as a definition list. -->
  <xsl:template name="meta-list">
    <xsl:param name="items"/>
    <xsl:if test="$items">
      <dl class="meta">
        <xsl:for-each select="$items">
          <dt><xsl:value-of select="@label"/></dt>
          <dd>
            <xsl:choose>
              <xsl:when test="@when"><time datetime="{@when}"><xsl:value-of select="."/></time></xsl:when>
              <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
            </xsl:choose>
          </dd>
        </xsl:for-each>
      </dl>
    </xsl:if>
  </xsl:template>

  <!-- ================================================================ style -->
  <xsl:template name="style">
:root{--ink:#1d1d1f;--muted:#5f6368;--rule:#d9d9de;--accent:#1f5f99;--event:#7a4a00;--person:#eef4fb;--bg:#fff}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:17px/1.55 Georgia,"Times New Roman",serif}
.doc-header,main,.doc-footer{max-width:44rem;margin:0 auto;padding:0 1rem}
.doc-footer{border-top:1px solid var(--rule);margin-top:2rem;padding-bottom:2rem;font-size:.85rem;color:var(--muted)}
.doc-header{padding-top:.5rem;border-bottom:1px solid var(--rule)}
h1{font-size:1.5rem;line-height:1.25;margin:.6rem 0}
h2{font-size:1.25rem}h3{font-size:1.1rem}h4,h5,h6{font-size:1rem}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;font-size:.9rem;color:var(--muted);margin:.5rem 0 1rem}
.meta dt{font-weight:bold}.meta dd{margin:0}
.part-header{border-top:1px solid var(--rule);margin-top:2rem}.part-header h2{margin-bottom:.3rem}
.tk-view{position:absolute;opacity:0;width:1px;height:1px;pointer-events:none}
.tk-controls{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;font:14px/1.2 system-ui,sans-serif;padding:.4rem 0}
.tk-controls label,.tk-controls a{border:1px solid var(--rule);border-radius:1rem;padding:.3rem .8rem;cursor:pointer;color:var(--accent);text-decoration:none}
#tk-view-dipl:checked~header label[for=tk-view-dipl],#tk-view-norm:checked~header label[for=tk-view-norm]{background:var(--accent);color:#fff;border-color:var(--accent)}
.tk-view:focus-visible~header .tk-controls{outline:2px solid var(--accent)}
#tk-view-dipl:checked~* .norm,#tk-view-norm:checked~* .dipl{display:none}
article{margin:1rem 0 2rem}
p,.p{margin:.6rem 0}
.sp{display:grid;grid-template-columns:11rem 1fr;gap:0 1rem;margin:.8rem 0;padding:.2rem 0 .2rem .6rem;border-left:3px solid var(--rule)}
.sp>.speaker{font:bold 13px/1.6 system-ui,sans-serif;letter-spacing:.03em;color:var(--accent);padding-top:.15rem;overflow-wrap:anywhere}
.sp>.speech>:first-child{margin-top:0}.sp>.speech>:last-child{margin-bottom:0}
.stage,.event{font-style:italic;color:var(--event)}
.event{font-size:.92em}
.gap{color:var(--event);font-family:system-ui,sans-serif;font-size:.85em;border:1px dashed var(--event);border-radius:.2rem;padding:0 .2rem}
.unclear{text-decoration:underline wavy #b36b00;text-underline-offset:.2em}
.ts{font:12px/1 ui-monospace,monospace;color:var(--muted);background:#f3f3f5;border-radius:.2rem;padding:.1rem .25rem}
.pb{font:12px/1 system-ui,sans-serif;color:var(--muted)}
.pb .norm{float:right;margin-right:-3rem}
a.person{color:inherit;text-decoration:none;background:var(--person);border-bottom:1px solid #9bbbe0;border-radius:.15rem}
a.person:hover,a.person:focus{background:#d7e6f7}
.ex,.supplied{color:var(--muted)}
.missing{color:var(--muted);font-style:italic}
.note-inline{color:var(--muted)}
.sic{text-decoration:underline dotted}
sup.fnref{line-height:0;font-size:.75em}sup.fnref a{text-decoration:none;color:var(--accent);padding:0 .1em}
:target{background:#fff5c2}
ol.numbered,ul.numbered{list-style:none;padding-left:2rem}
.numbered>li>.n{display:inline-block;min-width:2rem;margin-left:-2rem}
.numbered>li>.n+p{display:inline}
.lg{margin:.8rem 0}.l{margin:0}.entry,.entryFree,.superEntry{margin:.9rem 0}p.entry,p.entryFree{padding-left:1.2rem;text-indent:-1.2rem}h2.div-n,h3.div-n,h4.div-n,h5.div-n,h6.div-n{font:bold 14px/1.4 system-ui,sans-serif;color:var(--muted);margin:1.4rem 0 .4rem}
.tei-text [data-n]{position:relative}
.sp .speech [data-n]:not(.l)::before{content:none}
.tei-text [data-n]::before{content:attr(data-n);position:absolute;left:-2.7rem;width:2.2rem;text-align:right;font:11px/2.2 system-ui,sans-serif;color:var(--muted)}
.sourceDoc .line{margin:0}.surface{margin:1rem 0;padding-top:.4rem;border-top:1px dashed var(--rule)}
.facs{float:right;clear:right;width:min(40%,16rem);margin:0 0 .8rem 1rem;font:11px system-ui,sans-serif;color:var(--muted)}
.facs img{display:block;width:100%;min-height:4rem;border:1px solid var(--rule);image-rendering:pixelated}
.facs-link{display:block;font-size:.8rem}.facsimile{clear:both;border-top:1px solid var(--rule);margin-top:2rem;font-size:.92rem}.facsimile .facs{float:none}
.apparatus{clear:both;border-top:1px solid var(--rule);margin-top:2rem;font-size:.92rem}.apparatus ol{list-style:none;padding-left:0}
.apparatus .wit{font-style:italic;color:var(--muted)}sup.appref{line-height:0;font-size:.7em}sup.appref a{text-decoration:none;color:var(--event)}
.cite{border-top:1px solid var(--rule);margin-top:2rem;font-size:.92rem}.cite .how{color:var(--muted)}
.toc{border-bottom:1px solid var(--rule);font-size:.92rem}.toc ol{list-style:none;padding-left:0}
.toc .toc2{padding-left:1.2rem}.toc .toc3,.toc .toc4,.toc .toc5,.toc .toc6,.toc .toc7{padding-left:2.4rem}
table{border-collapse:collapse;margin:.8rem 0;font-size:.95em}td,th{border:1px solid var(--rule);padding:.2rem .4rem;vertical-align:top}
blockquote{margin:.8rem 1.5rem}
.notes,.persons{border-top:1px solid var(--rule);margin-top:2rem;font-size:.92rem}
.notes ol,.persons ul{list-style:none;padding-left:0}
.notes li{margin:.35rem 0;padding-left:2.2rem;text-indent:-2.2rem}
.notes .fnlabel{display:inline-block;min-width:2.2rem;text-indent:0;text-decoration:none;color:var(--accent)}
.persons li{margin:.3rem 0}.persons .mentions a{color:var(--accent);margin-right:.25rem}
.persons .forms{color:var(--muted)}.persons a.authority{font:12px system-ui,sans-serif;color:var(--accent);border:1px solid var(--rule);border-radius:.6rem;padding:0 .35rem;text-decoration:none}
@media (max-width:600px){body{font-size:16px}.sp{grid-template-columns:1fr}.pb .norm{float:none;margin:0}.tei-text [data-n]::before{position:static;margin-right:.4rem}}
@media print{
 body{font-size:11pt;color:#000}.tk-controls,.tk-view,.back{display:none!important}
 .doc-header,main,.doc-footer{max-width:none;padding:0}
 a{color:inherit;text-decoration:none}a.person{background:none;border:0}
 .sp{break-inside:avoid-page;border-left-color:#999}.notes,.persons{break-before:auto}
 :target{background:none}
}
</xsl:template>

  <!-- ================================================================ blocks -->
  <!-- Known block elements: a div or a p by content; unknown ones by what they hold. -->
  <!-- (No predicate in a match pattern that many nodes meet: libxslt computes the position of
       the node among its siblings for every predicate of a pattern, with a cache of one node
       per pattern, so a pattern met by nodes of alternating parents walks all siblings each
       time: quadratic in a paragraph of 40,000 segs. Templates match names; the conditions
       are tests inside them, and tk-any is what an element without a template of its own
       gets.) -->
  <xsl:template match="*" name="tk-any">
    <xsl:variable name="container" select="not(text()[normalize-space()]) and *[contains($tk-blocks, concat(' ', local-name(), ' '))]"/>
    <xsl:choose>
      <xsl:when test="$container">
        <div class="{local-name()}"><xsl:call-template name="lang"/><xsl:apply-templates/></div>
      </xsl:when>
      <xsl:when test="contains($tk-blocks, concat(' ', local-name(), ' ')) and not((($tk-c-mixed and tk:mixed(..)) or (not($tk-c-mixed) and ../text()[normalize-space()])))">
        <xsl:call-template name="para"><xsl:with-param name="class" select="local-name()"/></xsl:call-template>
      </xsl:when>
      <!-- a superscript number (a reference's edition: 1903<hi rend="sup">4</hi>) -->
      <xsl:when test="@rend and not(self::tei:note) and (contains(concat(' ', @rend, ' '), ' sup ') or contains(concat(' ', @rend, ' '), ' superscript ')) and normalize-space() and translate(normalize-space(), '0123456789', '') = ''">
        <sup class="{local-name()}"><xsl:apply-templates/></sup>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tk-apart-space"/>
        <span class="tei-{local-name()}"><xsl:call-template name="lang"/><xsl:call-template name="br"/><xsl:apply-templates/><xsl:call-template name="br"><xsl:with-param name="close" select="true()"/></xsl:call-template></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>


  <xsl:template match="comment() | processing-instruction()"/>
  <xsl:template match="tei:teiHeader | tei:facsimile | tei:standOff | tei:timeline"/>

  <!-- The printed bracket before (or after, `close`) the context element's content: shown in
       both views for spoken events and stage directions, in the diplomatic view only for
       editorial brackets. -->
  <xsl:template name="br">
    <xsl:param name="close" select="false()"/>
    <xsl:param name="default" select="''"/>
    <xsl:variable name="r" select="concat(' ', normalize-space(@rend), ' ')"/>
    <xsl:if test="contains($r, ' bracketed ') or contains($r, ' parenthesized ')
                  or ($default != '' and not(contains($r, ' bare ') or contains($r, ' none ')))">
      <xsl:choose>
        <xsl:when test="contains($tk-kept, concat(' ', local-name(), ' ')) and $close">
          <xsl:call-template name="tk-close"><xsl:with-param name="default" select="$default"/><xsl:with-param name="dipl" select="true()"/></xsl:call-template>
        </xsl:when>
        <xsl:when test="contains($tk-kept, concat(' ', local-name(), ' '))">
          <xsl:call-template name="tk-open"><xsl:with-param name="default" select="$default"/><xsl:with-param name="dipl" select="true()"/></xsl:call-template>
        </xsl:when>
        <xsl:when test="$close">
          <span class="dipl"><xsl:call-template name="tk-close"><xsl:with-param name="default" select="$default"/><xsl:with-param name="dipl" select="true()"/></xsl:call-template></span>
        </xsl:when>
        <xsl:otherwise>
          <span class="dipl"><xsl:call-template name="tk-open"><xsl:with-param name="default" select="$default"/><xsl:with-param name="dipl" select="true()"/></xsl:call-template></span>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- @xml:lang as lang -->
  <xsl:template name="lang">
    <xsl:if test="@xml:lang"><xsl:attribute name="lang"><xsl:value-of select="@xml:lang"/></xsl:attribute></xsl:if>
  </xsl:template>

  <!-- A paragraph: <p>, or <div class="p"> when it holds blocks HTML does not allow in p. -->
  <xsl:template name="para">
    <xsl:param name="class" select="''"/>
    <xsl:choose>
      <xsl:when test="descendant::*[self::tei:list or self::tei:table or self::tei:lg or self::tei:l or self::tei:p or self::tei:sp or self::tei:figure or self::tei:quote[tei:p or tei:l or tei:lg] or self::tei:ab][not(ancestor::tei:note)]">
        <div class="p {$class}"><xsl:call-template name="lang"/><xsl:call-template name="para-anchor"/><xsl:apply-templates/></div>
      </xsl:when>
      <xsl:otherwise>
        <p><xsl:if test="$class != 'p'"><xsl:attribute name="class"><xsl:value-of select="$class"/></xsl:attribute></xsl:if><xsl:call-template name="lang"/><xsl:call-template name="para-anchor"/><xsl:apply-templates/></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a paragraph of the text (not of a note) is numbered -->
  <xsl:template name="para-anchor">
    <xsl:if test="self::tei:p and not(ancestor::tei:note)">
      <xsl:call-template name="cite-anchor"><xsl:with-param name="set" select="'tk-paras'"/><xsl:with-param name="prefix" select="'p'"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:text | tei:body | tei:front | tei:back | tei:group">
    <div class="{local-name()}"><xsl:call-template name="lang"/><xsl:apply-templates/></div>
  </xsl:template>

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7">
    <section class="div {@type}">
      <xsl:if test="@xml:id or tei:head[normalize-space()]"><xsl:attribute name="id"><xsl:call-template name="div-id"/></xsl:attribute></xsl:if>
      <xsl:call-template name="lang"/>
      <!-- a numbered division without a head (the poems of a collection): "Poem 12" -->
      <xsl:if test="@n and not(tei:head[normalize-space()])">
        <xsl:variable name="label"><xsl:call-template name="tk-div-label"/></xsl:variable>
        <xsl:if test="$label != ''">
          <xsl:variable name="depth" select="count(ancestor-or-self::tei:div | ancestor-or-self::tei:div1 | ancestor-or-self::tei:div2 | ancestor-or-self::tei:div3 | ancestor-or-self::tei:div4 | ancestor-or-self::tei:div5 | ancestor-or-self::tei:div6 | ancestor-or-self::tei:div7)"/>
          <xsl:element name="h{substring('23456', 1 + number($depth > 1) * ($depth - 1) - number($depth > 5) * ($depth - 5), 1)}"><xsl:attribute name="class">div-n</xsl:attribute><xsl:value-of select="$label"/></xsl:element>
        </xsl:if>
      </xsl:if>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <xsl:template match="tei:head">
    <xsl:variable name="depth" select="count(ancestor::tei:div | ancestor::tei:div1 | ancestor::tei:div2 | ancestor::tei:div3 | ancestor::tei:div4 | ancestor::tei:div5 | ancestor::tei:div6 | ancestor::tei:div7)"/>
    <xsl:choose>
      <!-- (the title once: the head that says the title is the h1) -->
      <xsl:when test="$tk-title-head and count(. | $tk-title-head) = 1"/>
      <xsl:when test="parent::tei:list"><li class="head"><xsl:apply-templates/></li></xsl:when>
      <xsl:when test="parent::tei:table"><caption><xsl:apply-templates/></caption></xsl:when>
      <xsl:when test="parent::tei:figure"><figcaption><xsl:apply-templates/></figcaption></xsl:when>
      <xsl:when test="(($tk-c-mixed and tk:mixed(..)) or (not($tk-c-mixed) and ../text()[normalize-space()]))"><span class="head"><xsl:apply-templates/></span></xsl:when>
      <xsl:when test="parent::tei:lg or parent::tei:sp or parent::tei:note"><p class="head"><xsl:apply-templates/></p></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="level">
          <xsl:choose>
            <xsl:when test="$depth &lt;= 1">2</xsl:when>
            <xsl:when test="$depth >= 5">6</xsl:when>
            <xsl:otherwise><xsl:value-of select="$depth + 1"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:element name="h{$level}"><xsl:call-template name="lang"/><xsl:apply-templates/></xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab">
    <xsl:call-template name="para"><xsl:with-param name="class" select="'p'"/></xsl:call-template>
  </xsl:template>

  <!-- speaker turns -->
  <xsl:template match="tei:sp">
    <div class="sp">
      <xsl:if test="@who"><xsl:attribute name="data-who"><xsl:value-of select="@who"/></xsl:attribute></xsl:if>
      <xsl:call-template name="tk-turn-anchor"/>
      <xsl:call-template name="lang"/>
      <xsl:call-template name="cite-anchor"><xsl:with-param name="set" select="'tk-sps'"/><xsl:with-param name="prefix" select="'t'"/></xsl:call-template>
      <!-- what stands before the label (a timestamp) goes with it; a page break goes to the
           speech, where the text it divides is, not into the speaker column -->
      <xsl:variable name="spk" select="tei:speaker[1]"/>
      <xsl:variable name="before" select="$spk/preceding-sibling::node()[not(self::text()[not(normalize-space())])]"/>
      <div class="speaker"><xsl:apply-templates select="$before[not(self::tei:pb)]"/><xsl:apply-templates select="$spk/node()"/></div>
      <div class="speech"><xsl:apply-templates select="$before[self::tei:pb] | $spk/following-sibling::node() | node()[not($spk)]"/></div>
    </div>
  </xsl:template>
  <!-- an utterance (or an ISO 24624 annotationBlock): the speaker named from the
       personography; a u inside a block that names its speaker has none of its own; a label
       as printed (note[@type='speaker'], spoken output) is the speaker, with what stands
       before it (a timestamp) -->
  <xsl:template match="tei:u | tei:annotationBlock">
    <xsl:variable name="lab" select="(self::tei:u | tei:u[1])/tei:note[@type='speaker'][1]"/>
    <div class="sp {local-name()}">
      <xsl:if test="@who"><xsl:attribute name="data-who"><xsl:value-of select="@who"/></xsl:attribute></xsl:if>
      <xsl:call-template name="tk-turn-anchor"/>
      <xsl:call-template name="lang"/>
      <xsl:if test="self::tei:u"><xsl:call-template name="cite-anchor"><xsl:with-param name="set" select="'tk-us'"/><xsl:with-param name="prefix" select="'u'"/></xsl:call-template></xsl:if>
      <div class="speaker">
        <xsl:choose>
          <!-- (a page break goes to the speech, as in sp) -->
          <xsl:when test="$lab"><xsl:apply-templates select="$lab/preceding-sibling::node()[not(self::tei:pb)] | $lab/node()"/></xsl:when>
          <!-- (a label printed further in, a caption's voice tag, stays there) -->
          <xsl:when test="@who and not(parent::tei:annotationBlock[@who]) and not((self::tei:u | tei:u[1])//tei:note[@type='speaker'] | preceding-sibling::*[1][self::tei:note[@type='speaker']])"><xsl:call-template name="tk-who-name"/></xsl:when>
        </xsl:choose>
      </div>
      <div class="speech">
        <xsl:choose>
          <xsl:when test="self::tei:u"><p><xsl:apply-templates select="$lab/preceding-sibling::tei:pb | $lab/following-sibling::node() | node()[not($lab)]"/></p></xsl:when>
          <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
        </xsl:choose>
      </div>
    </div>
  </xsl:template>
  <xsl:template match="tei:annotationBlock/tei:u">
    <!-- (the first u's label went to the block's speaker column) -->
    <xsl:variable name="lab" select="(self::tei:u[not(preceding-sibling::tei:u)])/tei:note[@type='speaker'][1]"/>
    <p class="u"><xsl:apply-templates select="$lab/preceding-sibling::tei:pb | $lab/following-sibling::node() | node()[not($lab)]"/></p>
  </xsl:template>

  <xsl:template match="tei:stage">
    <xsl:choose>
      <xsl:when test="(($tk-c-mixed and tk:mixed(..)) or (not($tk-c-mixed) and ../text()[normalize-space()])) or parent::tei:l or parent::tei:speaker"><span class="stage"><xsl:apply-templates/></span></xsl:when>
      <xsl:otherwise><p class="stage"><xsl:apply-templates/></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- verse -->
  <xsl:template match="tei:lg"><div class="lg"><xsl:call-template name="lang"/><xsl:apply-templates/></div></xsl:template>
  <!-- a verse line: its number (@n, else counted) in the margin every fifth line (parameter
       lines=all: every line) -->
  <xsl:template match="tei:l">
    <div class="l">
      <xsl:call-template name="lang"/>
      <xsl:if test="not(ancestor::tei:note)">
        <xsl:call-template name="cite-anchor">
          <xsl:with-param name="set" select="'tk-lines'"/>
          <xsl:with-param name="prefix" select="'l'"/>
          <xsl:with-param name="every" select="number($lines != 'all') * 4 + 1"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- lists: the printed number kept, from the item's label (a list of label/item pairs) or
       its @n; a label that pairs with the item after it is shown in that item's li -->
  <xsl:template match="tei:list">
    <xsl:variable name="tag">
      <xsl:choose>
        <xsl:when test="@type='ordered' or @type='numbered' or @rend='numbered'">ol</xsl:when>
        <xsl:otherwise>ul</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="{$tag}">
      <xsl:if test="tei:item/@n or tei:label"><xsl:attribute name="class">numbered</xsl:attribute></xsl:if>
      <xsl:call-template name="lang"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="tei:item">
    <li>
      <xsl:call-template name="lang"/>
      <xsl:variable name="label" select="(preceding-sibling::*[1])[self::tei:label]"/>
      <xsl:choose>
        <xsl:when test="$label"><span class="n"><xsl:apply-templates select="$label/node()"/></span><xsl:text> </xsl:text></xsl:when>
        <!-- (an @n the item's text starts with, `Article 2.`, is not printed twice) -->
        <!-- (a bullet is printed: a `*` before `* * *` is the source's, see tk-alnum) -->
        <xsl:when test="normalize-space(@n) and not(starts-with(normalize-space(.), normalize-space(@n)) and translate(@n, $tk-alnum, '') != @n)"><span class="n"><xsl:value-of select="normalize-space(@n)"/></span><xsl:text> </xsl:text></xsl:when>
      </xsl:choose>
      <xsl:apply-templates/>
    </li>
  </xsl:template>
  <xsl:template match="tei:list/tei:label">
    <xsl:if test="not((following-sibling::*[1])[self::tei:item])"><li class="label"><strong><xsl:apply-templates/></strong></li></xsl:if>
  </xsl:template>

  <!-- tables -->
  <xsl:template match="tei:table"><table><xsl:call-template name="lang"/><xsl:apply-templates select="tei:head"/><tbody><xsl:apply-templates select="node()[not(self::tei:head)]"/></tbody></table></xsl:template>
  <xsl:template match="tei:row"><tr><xsl:apply-templates/></tr></xsl:template>
  <xsl:template match="tei:cell">
    <xsl:element name="{substring('tdth', 1 + 2 * number(@role='label' or ../@role='label'), 2)}">
      <xsl:if test="@cols > 1"><xsl:attribute name="colspan"><xsl:value-of select="@cols"/></xsl:attribute></xsl:if>
      <xsl:if test="@rows > 1"><xsl:attribute name="rowspan"><xsl:value-of select="@rows"/></xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- figures: nothing is fetched; an image is named, not loaded -->
  <xsl:template match="tei:figure"><figure><xsl:apply-templates/></figure></xsl:template>
  <xsl:template match="tei:graphic">
    <span class="graphic">[image<xsl:if test="@url">: <xsl:value-of select="@url"/></xsl:if>]</span>
  </xsl:template>

  <xsl:template match="tei:quote | tei:cit">
    <xsl:choose>
      <xsl:when test="self::tei:quote[tei:p or tei:l or tei:lg] or self::tei:cit[not((($tk-c-mixed and tk:mixed(..)) or (not($tk-c-mixed) and ../text()[normalize-space()])))]">
        <blockquote><xsl:call-template name="lang"/><xsl:apply-templates/></blockquote>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="tk-any"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================================ inline -->
  <xsl:template match="tei:lb">
    <xsl:if test="not(@break='no' or @type='hyphenInWord')"><br/></xsl:if>
  </xsl:template>
  <!-- text beside a break inside a word: no space at the join -->
  <xsl:template match="text()">
    <xsl:choose>
      <xsl:when test="$tk-inword"><xsl:call-template name="tk-text"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:cb | tei:milestone | tei:handShift | tei:gb | tei:ptr"/>
  <xsl:template match="tei:space"><xsl:text> </xsl:text></xsl:template>

  <xsl:template match="tei:pb">
    <!-- (the page image in the marker's span: apart from the words around it) -->
    <xsl:if test="normalize-space(@n) or @facs">
      <span class="pb{substring(' inword', 1, 7 * number(@break = 'no'))}">
        <xsl:if test="normalize-space(@n)">
          <xsl:attribute name="title"><xsl:value-of select="concat('Page ', normalize-space(@n))"/></xsl:attribute>
          <span class="dipl">[Page <xsl:value-of select="normalize-space(@n)"/>]</span><span class="norm">p. <xsl:value-of select="normalize-space(@n)"/></span>
        </xsl:if>
        <xsl:if test="@facs">
          <xsl:variable name="u"><xsl:call-template name="tk-facs-urls"/></xsl:variable>
          <xsl:for-each select="exsl:node-set($u)/u">
            <xsl:call-template name="facs-image"/>
          </xsl:for-each>
        </xsl:if>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- A page image (context: u from tk-facs-urls, or a graphic): a local file inline as a
       data: URI beside the text, an http(s) URL a link (the page fetches nothing), another
       scheme its name, a local name without a file nothing. -->
  <xsl:template name="facs-image">
    <xsl:param name="url" select="normalize-space(concat(self::u, @url))"/>
    <xsl:param name="label" select="normalize-space(concat(substring('Page ', 1, 5 * number(boolean(normalize-space(@n)))), @n))"/>
    <xsl:variable name="src"><xsl:call-template name="tk-image-src"><xsl:with-param name="url" select="$url"/></xsl:call-template></xsl:variable>
    <xsl:variable name="link"><xsl:call-template name="tk-linkable"><xsl:with-param name="url" select="$url"/></xsl:call-template></xsl:variable>
    <xsl:choose>
      <xsl:when test="starts-with($src, 'data:')">
        <span class="facs"><img src="{$src}" alt="{normalize-space(concat('page image ', $label))}" title="{$url}"/><span class="facs-name"><xsl:value-of select="$url"/></span></span>
      </xsl:when>
      <!-- (a local name without a file, e.g. FRUS's facs="0078": nothing, no dead link) -->
      <xsl:when test="$url != '' and $link = '1' and contains($url, ':')">
        <span class="facs-link"><a href="{$url}" rel="noreferrer">page image<xsl:if test="$label"><xsl:value-of select="concat(' (', $label, ')')"/></xsl:if>: <xsl:value-of select="$url"/></a></span>
      </xsl:when>
      <xsl:when test="$url != '' and $link != '1'"><span class="facs-link">page image: <xsl:value-of select="$url"/></span></xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- The facsimile after the text: each surface with its images (beside the text instead when
       page breaks point to them) and its zones. -->
  <xsl:template name="facsimile">
    <xsl:if test="$tk-surfaces">
      <section class="facsimile" id="tk-facsimile" aria-labelledby="tk-facsimile-h">
        <h2 id="tk-facsimile-h">Facsimile</h2>
        <xsl:for-each select="$tk-surfaces">
          <div class="facs-surface">
            <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="concat('facs-', @xml:id)"/></xsl:attribute></xsl:if>
            <h3><xsl:value-of select="normalize-space(concat('Surface ', @n, substring(concat(' ', @xml:id), 1, (1 + string-length(@xml:id)) * number(not(normalize-space(@n))))))"/></h3>
            <xsl:for-each select="tei:graphic">
              <xsl:choose>
                <xsl:when test="$tk-facs-any"><p class="facs-file"><xsl:value-of select="normalize-space(@url)"/></p></xsl:when>
                <xsl:otherwise><xsl:call-template name="facs-image"><xsl:with-param name="label" select="normalize-space(../@n)"/></xsl:call-template></xsl:otherwise>
              </xsl:choose>
            </xsl:for-each>
            <xsl:if test="tei:zone">
              <ul class="zones">
                <xsl:for-each select="tei:zone"><li>zone <xsl:call-template name="tk-zone-words"/></li></xsl:for-each>
              </ul>
            </xsl:if>
          </div>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:hi">
    <xsl:variable name="r" select="concat(' ', translate(@rend, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), ' ', @rendition, ' ', @style)"/>
    <xsl:variable name="tag">
      <xsl:choose>
        <xsl:when test="contains($r, 'sup')">sup</xsl:when>
        <xsl:when test="contains($r, 'sub')">sub</xsl:when>
        <xsl:when test="contains($r, 'bold') or contains($r, 'strong')">b</xsl:when>
        <xsl:when test="contains($r, 'ital')">i</xsl:when>
        <xsl:when test="contains($r, 'under')">u</xsl:when>
        <xsl:when test="contains($r, 'small') or contains($r, 'caps')">span</xsl:when>
        <xsl:otherwise>em</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="{$tag}">
      <xsl:if test="$tag = 'span'"><xsl:attribute name="style">font-variant:small-caps</xsl:attribute></xsl:if>
      <xsl:call-template name="lang"/><xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="tei:emph"><em><xsl:call-template name="lang"/><xsl:apply-templates/></em></xsl:template>
  <xsl:template match="tei:foreign"><i class="foreign"><xsl:call-template name="lang"/><xsl:apply-templates/></i></xsl:template>
  <xsl:template match="tei:title">
    <xsl:choose>
      <xsl:when test="ancestor::tei:text"><cite><xsl:call-template name="lang"/><xsl:apply-templates/></cite></xsl:when>
      <xsl:otherwise><xsl:call-template name="tk-any"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:date">
    <xsl:choose>
      <xsl:when test="@when"><time class="date" datetime="{@when}"><xsl:apply-templates/></time></xsl:when>
      <xsl:otherwise><span class="date"><xsl:apply-templates/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- persons: a link to the index, the full name on hover -->
  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:name | tei:rs">
    <xsl:choose>
      <xsl:when test="not(@ref and (self::tei:persName or @type = 'person'))"><span class="{local-name()}"><xsl:apply-templates/></span></xsl:when>
      <!-- (teikit: the person and the number straight from C, no result tree fragment) -->
      <xsl:when test="$tk-c-person and $tk-c-mentions">
        <xsl:call-template name="mention">
          <xsl:with-param name="id" select="tk:person(.)"/>
          <xsl:with-param name="k" select="tk:position(.)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="mention">
          <xsl:with-param name="id"><xsl:call-template name="tk-mention-target"/></xsl:with-param>
          <xsl:with-param name="k"><xsl:call-template name="tk-mention-num"/></xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A mention of person `id` (the first person of the personography it points to; none:
       plain text), number `k` among the mentions (NaN or empty: none). -->
  <xsl:template name="mention">
    <xsl:param name="id"/>
    <xsl:param name="k"/>
    <xsl:choose>
      <xsl:when test="string($id) = ''"><span class="{local-name()}"><xsl:apply-templates/></span></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="p" select="id($id)[self::tei:person]"/>
        <xsl:variable name="full" select="normalize-space(($p/tei:persName[@type='full'] | $p/tei:persName[not(../tei:persName[@type='full'])][1] | $p/tei:name[not(../tei:persName)][1])[1])"/>
        <a class="person" href="#tk-p-{translate($id, $tk-id-bad, $tk-id-good)}" title="{$full}{substring($id, 1, 99999 * number($full = ''))}">
          <xsl:if test="number($k) = number($k)"><xsl:attribute name="id"><xsl:value-of select="concat('tk-m', $k)"/></xsl:attribute></xsl:if>
          <!-- (the person's authority records named in the hover text; the links are in the
               index entry) -->
          <xsl:if test="$p/tei:idno">
            <xsl:variable name="auth"><xsl:for-each select="$p[1]"><xsl:call-template name="tk-person-authorities"/></xsl:for-each></xsl:variable>
            <xsl:if test="exsl:node-set($auth)/a">
              <xsl:attribute name="title"><xsl:value-of select="concat($full, substring($id, 1, 99999 * number($full = '')))"/><xsl:for-each select="exsl:node-set($auth)/a"><xsl:value-of select="concat('; ', @label, ' ', @value)"/></xsl:for-each></xsl:attribute>
            </xsl:if>
          </xsl:if>
          <xsl:apply-templates/>
        </a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:variable name="tk-id-bad" select="':/#?&amp;=%. '"/>
  <xsl:variable name="tk-id-good" select="'__________'"/>

  <!-- choice: both readings in the page, one per view -->
  <xsl:template match="tei:choice">
    <xsl:variable name="d" select="(tei:sic | tei:abbr | tei:orig)[1]"/>
    <xsl:variable name="n" select="(tei:corr | tei:expan | tei:reg)[1]"/>
    <xsl:choose>
      <xsl:when test="$d and $n">
        <span class="choice">
          <span class="dipl {local-name($d)}" title="{local-name($n)}: {normalize-space($n)}"><xsl:apply-templates select="$d/node()"/></span>
          <span class="norm {local-name($n)}" title="{local-name($d)}: {normalize-space($d)}"><xsl:apply-templates select="$n/node()"/></span>
        </span>
      </xsl:when>
      <xsl:otherwise><span class="choice"><xsl:apply-templates select="*[1]"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- expansions and supplied words: brackets in the diplomatic view only -->
  <xsl:template match="tei:ex | tei:supplied">
    <span class="{local-name()}">
      <xsl:if test="self::tei:supplied"><xsl:attribute name="title">supplied<xsl:if test="@reason">: <xsl:value-of select="@reason"/></xsl:if></xsl:attribute></xsl:if>
      <xsl:call-template name="br"><xsl:with-param name="default" select="'['"/></xsl:call-template>
      <xsl:apply-templates/>
      <xsl:call-template name="br"><xsl:with-param name="close" select="true()"/><xsl:with-param name="default" select="'['"/></xsl:call-template>
    </span>
  </xsl:template>
  <xsl:template match="tei:del"><del class="dipl"><xsl:apply-templates/></del></xsl:template>
  <xsl:template match="tei:add"><xsl:call-template name="tk-apart-space"/><ins class="add"><xsl:apply-templates/></ins></xsl:template>
  <xsl:template match="tei:fw"><span class="dipl fw"><xsl:apply-templates/></span></xsl:template>

  <!-- spoken and editorial events -->
  <xsl:template match="tei:gap">
    <span class="gap" title="gap{substring(': ', 1, 2 * number(boolean(@reason)))}{@reason}">
      <xsl:call-template name="br"><xsl:with-param name="default" select="'['"/></xsl:call-template>
      <span class="dipl"><xsl:call-template name="tk-gap-words"><xsl:with-param name="dipl" select="true()"/></xsl:call-template></span>
      <span class="norm"><xsl:call-template name="tk-gap-words"><xsl:with-param name="dipl" select="false()"/></xsl:call-template></span>
      <xsl:call-template name="br"><xsl:with-param name="close" select="true()"/><xsl:with-param name="default" select="'['"/></xsl:call-template>
    </span>
  </xsl:template>
  <!-- MathML is copied through (browsers lay it out) -->
  <xsl:template match="m:math"><xsl:copy-of select="."/></xsl:template>
  <xsl:template match="tei:vocal | tei:incident | tei:kinesic | tei:pause | tei:shift | tei:writing">
    <!-- (a word of its own in TEI from elsewhere; see tei2txt.xsl) -->
    <xsl:if test="not($tk-ours)"><xsl:text> </xsl:text></xsl:if>
    <xsl:variable name="inline" select="(($tk-c-mixed and tk:mixed(..)) or (not($tk-c-mixed) and ../text()[normalize-space()])) or parent::tei:p or parent::tei:l or parent::tei:ab or parent::tei:seg or parent::tei:hi"/>
    <xsl:element name="{substring('p', 1, number(not($inline)))}{substring('span', 1, 4 * number($inline))}">
      <xsl:attribute name="class">event <xsl:value-of select="local-name()"/></xsl:attribute>
      <xsl:attribute name="title"><xsl:value-of select="local-name()"/></xsl:attribute>
      <xsl:call-template name="br"><xsl:with-param name="default" select="'['"/></xsl:call-template>
      <xsl:call-template name="tk-event-words"/>
      <xsl:call-template name="br"><xsl:with-param name="close" select="true()"/><xsl:with-param name="default" select="'['"/></xsl:call-template>
    </xsl:element>
    <xsl:if test="not($tk-ours)"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>
  <xsl:template match="tei:unclear">
    <span class="unclear" title="unclear{substring(': ', 1, 2 * number(boolean(@reason)))}{@reason}">
      <xsl:call-template name="br"/><xsl:apply-templates/><xsl:call-template name="br"><xsl:with-param name="close" select="true()"/></xsl:call-template>
    </span>
  </xsl:template>
  <!-- a timestamp: the time as printed, in the diplomatic view only (docs/inline.md); a space
       after it unless the text after it has its own or begins with punctuation -->
  <xsl:template match="tei:anchor">
    <xsl:if test="@synch">
    <time class="ts dipl">
      <xsl:call-template name="br"><xsl:with-param name="default" select="'['"/></xsl:call-template>
      <xsl:call-template name="tk-time-words"/>
      <xsl:call-template name="br"><xsl:with-param name="close" select="true()"/><xsl:with-param name="default" select="'['"/></xsl:call-template>
    </time>
    <xsl:variable name="next" select="following-sibling::node()[1]"/>
    <xsl:if test="$next[self::*] or ($next[self::text()] and not(contains(concat(' &#9;&#10;&#13;', $tk-punct), substring($next, 1, 1))))">
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:if>
  </xsl:template>
  <xsl:template match="tei:desc"/>

  <!-- ================================================================ notes -->
  <!-- In the text: an inline [ ] note (diplomatic) and/or a footnote marker. -->
  <xsl:template match="tei:note">
    <!-- (a speaker label as printed outside its u, Parla-CLARIN: printed where it stands) -->
    <xsl:if test="@type = 'speaker'"><span class="speaker-label"><xsl:apply-templates/></span></xsl:if>
    <xsl:variable name="k"><xsl:call-template name="tk-num"><xsl:with-param name="t" select="'a'"/></xsl:call-template></xsl:variable>
    <xsl:variable name="dl"><xsl:call-template name="tk-note-label"><xsl:with-param name="dipl" select="true()"/></xsl:call-template></xsl:variable>
    <xsl:variable name="nl"><xsl:call-template name="tk-note-label"><xsl:with-param name="dipl" select="false()"/></xsl:call-template></xsl:variable>
    <xsl:if test="self::tei:note[@type='classification']">
      <span class="note-classification"><xsl:apply-templates/></span>
    </xsl:if>
    <xsl:if test="self::tei:note[@place='inline']">
      <!-- (an inline note of TEI from elsewhere, without @rend, in brackets of its own) -->
      <xsl:variable name="d" select="substring('[', 1, number(not($tk-ours)))"/>
      <span class="dipl note-inline note-{@type}"><xsl:call-template name="tk-open"><xsl:with-param name="dipl" select="true()"/><xsl:with-param name="default" select="$d"/></xsl:call-template><xsl:apply-templates/><xsl:call-template name="tk-close"><xsl:with-param name="dipl" select="true()"/><xsl:with-param name="default" select="$d"/></xsl:call-template></span>
    </xsl:if>
    <xsl:if test="self::tei:note[@type='unanchored']">
      <span class="dipl note-inline unanchored"><xsl:text> </xsl:text><xsl:call-template name="tk-list-label"><xsl:with-param name="label" select="normalize-space(@n)"/></xsl:call-template><xsl:text> </xsl:text><xsl:apply-templates/></span>
    </xsl:if>
    <xsl:if test="$dl != '' or $nl != ''">
      <sup class="fnref">
        <xsl:if test="$dl = ''"><xsl:attribute name="class">fnref norm</xsl:attribute></xsl:if>
        <!-- (a marker whose note has no text links nowhere) -->
        <a id="tk-nr{$k}">
          <xsl:if test="node()"><xsl:attribute name="href">#tk-n<xsl:value-of select="$k"/></xsl:attribute></xsl:if>
          <xsl:choose>
            <xsl:when test="$dl = $nl or $dl = ''"><xsl:value-of select="$nl"/></xsl:when>
            <xsl:when test="$nl = ''"><xsl:value-of select="$dl"/></xsl:when>
            <xsl:otherwise><span class="dipl"><xsl:value-of select="$dl"/></span><span class="norm"><xsl:value-of select="$nl"/></span></xsl:otherwise>
          </xsl:choose>
        </a>
      </sup>
    </xsl:if>
  </xsl:template>
  <!-- an apparatus entry: the lemma (the first reading when there is none), a marker linking to
       the apparatus after the notes -->
  <xsl:template match="tei:app">
    <xsl:if test="not(@from)">
    <xsl:variable name="lem" select="(tei:lem | tei:rdgGrp/tei:lem)[1]"/>
    <xsl:variable name="k"><xsl:call-template name="tk-num"><xsl:with-param name="t" select="'x'"/></xsl:call-template></xsl:variable>
    <span class="app"><span class="lem"><xsl:apply-templates select="($lem | (tei:rdg | tei:rdgGrp/tei:rdg)[not($lem)][1])/node()"/></span><sup class="appref"><a id="tk-ar{$k}" href="#tk-a{$k}" title="apparatus"><xsl:value-of select="$k"/></a></sup></span>
    </xsl:if>
  </xsl:template>

  <!-- The apparatus: per app its lemma] and every other reading with the sigla of its
       witnesses (the witness's text on hover), "om." for an empty reading. -->
  <xsl:template name="apparatus">
    <xsl:if test="$tk-apps or $tk-so-apps">
      <section class="apparatus" id="tk-apparatus" aria-labelledby="tk-apparatus-h">
        <h2 id="tk-apparatus-h">Apparatus</h2>
        <ol>
          <xsl:for-each select="$tk-apps">
            <xsl:call-template name="app-entry"><xsl:with-param name="k" select="position()"/></xsl:call-template>
          </xsl:for-each>
          <!-- (in the order of their numbers, those without a place last; under xsltproc in
               the order of the apps) -->
          <xsl:choose>
            <xsl:when test="$tk-c-index">
              <xsl:for-each select="$tk-so-apps">
                <xsl:sort select="number(tk:index(id(substring-after(substring-before(concat(normalize-space(concat(@to, substring(@from, 1, string-length(@from) * number(not(normalize-space(@to)))))), ' '), ' '), '#')), 'tk-so-targets') >= 0)" data-type="number" order="descending"/>
                <xsl:sort select="tk:index(id(substring-after(substring-before(concat(normalize-space(concat(@to, substring(@from, 1, string-length(@from) * number(not(normalize-space(@to)))))), ' '), ' '), '#')), 'tk-so-targets')" data-type="number"/>
                <xsl:call-template name="so-entry"/>
              </xsl:for-each>
            </xsl:when>
            <xsl:otherwise>
              <xsl:for-each select="$tk-so-apps"><xsl:call-template name="so-entry"/></xsl:for-each>
            </xsl:otherwise>
          </xsl:choose>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- The entry of the context stand-off app, numbered after its place. -->
  <xsl:template name="so-entry">
    <xsl:variable name="k"><xsl:call-template name="tk-so-place-num"/></xsl:variable>
    <xsl:call-template name="app-entry"><xsl:with-param name="k" select="$k"/></xsl:call-template>
  </xsl:template>

  <!-- One apparatus entry, number k (empty: a stand-off entry whose place is not in the text). -->
  <xsl:template name="app-entry">
    <xsl:param name="k"/>
            <xsl:variable name="lem" select="(tei:lem | tei:rdgGrp/tei:lem)[1]"/>
            <!-- (a stand-off entry without a lemma: the text of the element @from points to) -->
            <xsl:variable name="so" select="boolean(@from)"/>
            <xsl:variable name="shown" select="$lem | (tei:rdg | tei:rdgGrp/tei:rdg)[not($lem or $so)][1]"/>
            <li>
              <xsl:if test="$k != ''">
                <xsl:attribute name="id"><xsl:value-of select="concat('tk-a', $k)"/></xsl:attribute>
                <a class="fnlabel" href="#tk-ar{$k}" title="back to the text"><xsl:value-of select="$k"/><span class="back" aria-hidden="true"> &#8617;</span></a>
                <xsl:text> </xsl:text>
              </xsl:if>
              <xsl:variable name="from" select="substring-after(substring-before(concat(normalize-space(@from), ' '), ' '), '#')"/>
              <xsl:variable name="l">
                <xsl:apply-templates select="$shown/node()"/>
                <xsl:if test="$so and not($shown)"><xsl:for-each select="$tk-root"><xsl:apply-templates select="id($from)/node()"/></xsl:for-each></xsl:if>
              </xsl:variable>
              <span class="lem"><xsl:apply-templates select="exsl:node-set($l)/node()" mode="noid"/></span>
              <xsl:for-each select="$shown[@wit]"><xsl:text> </xsl:text><xsl:call-template name="sigla"/></xsl:for-each>
              <xsl:text>] </xsl:text>
              <xsl:for-each select="(tei:rdg | tei:rdgGrp/tei:rdg)[not($shown) or count(. | $shown) != 1]">
                <xsl:if test="position() > 1">; </xsl:if>
                <span class="rdg">
                  <xsl:choose>
                    <xsl:when test="normalize-space()">
                      <xsl:variable name="r"><xsl:apply-templates/></xsl:variable>
                      <xsl:apply-templates select="exsl:node-set($r)/node()" mode="noid"/>
                    </xsl:when>
                    <xsl:otherwise><i>om.</i></xsl:otherwise>
                  </xsl:choose>
                </span>
                <xsl:text> </xsl:text><xsl:call-template name="sigla"/>
              </xsl:for-each>
            </li>
  </xsl:template>

  <!-- The sigla of the context reading, each with its witness's description on hover. -->
  <xsl:template name="sigla">
    <xsl:variable name="s"><xsl:call-template name="tk-sigla"/></xsl:variable>
    <span class="wit">
      <xsl:attribute name="title">
        <xsl:for-each select="str:tokenize(normalize-space(@wit), ' ')">
          <xsl:variable name="t" select="substring-after(string(.), '#')"/>
          <xsl:for-each select="$tk-root"><xsl:value-of select="concat(normalize-space(id($t)[self::tei:witness]), '; ')"/></xsl:for-each>
        </xsl:for-each>
      </xsl:attribute>
      <xsl:value-of select="$s"/>
    </span>
  </xsl:template>

  <!-- The notes section: every footnote of either view, with a link back to its marker. -->
  <xsl:template name="notes">
    <xsl:if test="$tk-notes-all">
      <section class="notes" id="tk-notes" aria-labelledby="tk-notes-h">
        <h2 id="tk-notes-h">Notes</h2>
        <ol>
          <xsl:for-each select="$tk-notes-all">
            <xsl:variable name="k" select="position()"/>
            <xsl:variable name="dl"><xsl:call-template name="tk-note-label"><xsl:with-param name="dipl" select="true()"/></xsl:call-template></xsl:variable>
            <xsl:variable name="nl"><xsl:call-template name="tk-note-label"><xsl:with-param name="dipl" select="false()"/></xsl:call-template></xsl:variable>
            <xsl:if test="($dl != '' or $nl != '') and node()">
              <li id="tk-n{$k}">
                <xsl:if test="$dl = ''"><xsl:attribute name="class">norm</xsl:attribute></xsl:if>
                <xsl:if test="$nl = ''"><xsl:attribute name="class">dipl</xsl:attribute></xsl:if>
                <a class="fnlabel" href="#tk-nr{$k}" title="back to the text">
                  <xsl:choose>
                    <xsl:when test="$dl = $nl or $dl = ''"><xsl:value-of select="$nl"/></xsl:when>
                    <xsl:when test="$nl = ''"><xsl:value-of select="$dl"/></xsl:when>
                    <xsl:otherwise><span class="dipl"><xsl:value-of select="$dl"/></span><span class="norm"><xsl:value-of select="$nl"/></span></xsl:otherwise>
                  </xsl:choose>
                  <span class="back" aria-hidden="true"> &#8617;</span>
                </a>
                <xsl:text> </xsl:text>
                <xsl:choose>
                  <xsl:when test="self::tei:note[@place='inline' or @type='unanchored']">
                    <!-- its content is in the text too (diplomatic view): copy it without ids -->
                    <xsl:variable name="c"><xsl:apply-templates/></xsl:variable>
                    <xsl:apply-templates select="exsl:node-set($c)/node()" mode="noid"/>
                  </xsl:when>
                  <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
                </xsl:choose>
              </li>
            </xsl:if>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="*" mode="noid">
    <xsl:copy><xsl:copy-of select="@*[local-name() != 'id']"/><xsl:apply-templates mode="noid"/></xsl:copy>
  </xsl:template>
  <!-- (a stand-off marker inside a lemma copied into the apparatus: not repeated there) -->
  <xsl:template match="sup" mode="noid">
    <xsl:if test="not(@class = 'appref')"><xsl:copy><xsl:copy-of select="@*[local-name() != 'id']"/><xsl:apply-templates mode="noid"/></xsl:copy></xsl:if>
  </xsl:template>
  <xsl:template match="text()" mode="noid"><xsl:value-of select="."/></xsl:template>

</xsl:stylesheet>
