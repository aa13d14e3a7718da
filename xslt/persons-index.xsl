<?xml version="1.0" encoding="UTF-8"?>
<!-- persons-index.xsl: the HTML index of persons (included by tei2html.xsl): every person with
     each turn they speak and each mention of them, linked, with a few words of context;
     speakers that are roles (a turn without @who) listed apart. Linear: keys and the
     mentions table of common.xsl, context from the neighbouring text nodes only; no
     //a//b paths (libxml2 merges their node sets in quadratic time). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:str="http://exslt.org/strings"
    xmlns:exsl="http://exslt.org/common"
    xmlns:tk="urn:x-teikit:render"
    exclude-result-prefixes="tei str exsl tk">

  <!-- turns by the persons they name in @who ('#id' tokens) -->
  <xsl:key name="tk-turns" match="tei:sp[@who] | tei:u[@who] | tei:annotationBlock[@who]"
           use="str:tokenize(normalize-space(@who), ' ')"/>
  <xsl:variable name="tk-turns-all" select="//tei:sp[@who] | //tei:u[@who][not(parent::tei:annotationBlock[@who])] | //tei:annotationBlock[@who]"/>
  <!-- roles: turns with a speaker label and no @who -->
  <xsl:key name="tk-role" match="tei:sp[not(@who)][tei:speaker]" use="normalize-space(tei:speaker)"/>
  <xsl:variable name="tk-roles" select="//tei:sp[not(@who)][tei:speaker]"/>

  <!-- The anchor of a turn the index links to: sp and u have the edition's citable anchor
       (cite-anchor in tei2html.xsl: @xml:id, else t/u and the turn's number); an
       annotationBlock (and a u inside one), which has none, gets one of its own here. -->
  <xsl:template name="tk-turn-anchor">
    <xsl:if test="@who and (self::tei:annotationBlock or (parent::tei:annotationBlock and not(@xml:id)))"><xsl:attribute name="id"><xsl:value-of select="concat('tk-s', generate-id())"/></xsl:attribute></xsl:if>
  </xsl:template>
  <!-- The id tk-turn-anchor or cite-anchor gives the context turn. -->
  <xsl:template name="tk-turn-id">
    <xsl:choose>
      <xsl:when test="self::tei:annotationBlock"><xsl:value-of select="concat('tk-s', generate-id())"/></xsl:when>
      <xsl:when test="@xml:id"><xsl:value-of select="@xml:id"/></xsl:when>
      <xsl:when test="parent::tei:annotationBlock"><xsl:value-of select="concat('tk-s', generate-id())"/></xsl:when>
      <xsl:when test="$tk-c-index and self::tei:sp"><xsl:value-of select="concat('t', tk:index(., 'tk-sps'))"/></xsl:when>
      <xsl:when test="$tk-c-index"><xsl:value-of select="concat('u', tk:index(., 'tk-us'))"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="me" select="."/>
        <xsl:value-of select="substring('tu', 1 + number(boolean(self::tei:u)), 1)"/>
        <xsl:for-each select="$tk-sps[$me/self::tei:sp] | $tk-us[$me/self::tei:u]"><xsl:if test="count(. | $me) = 1"><xsl:value-of select="position()"/></xsl:if></xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="tk-persons-index">
    <xsl:if test="$tk-mentions or $tk-turns-all or $tk-roles">
      <section class="persons" id="tk-persons" aria-labelledby="tk-persons-h">
        <h2 id="tk-persons-h">Index of persons</h2>
        <ul>
          <xsl:for-each select="//tei:person[@xml:id]">
            <xsl:call-template name="tk-index-entry">
              <xsl:with-param name="id" select="@xml:id"/>
            </xsl:call-template>
          </xsl:for-each>
        </ul>
        <xsl:if test="$tk-roles">
          <h3 class="roles-h">Roles</h3>
          <ul class="roles">
            <xsl:for-each select="$tk-roles[generate-id() = generate-id(key('tk-role', normalize-space(tei:speaker))[1])]">
              <xsl:variable name="turns" select="key('tk-role', normalize-space(tei:speaker))"/>
              <li><strong class="pname"><xsl:value-of select="translate(normalize-space(tei:speaker), ':', '')"/></strong>
                <xsl:value-of select="concat(': ', count($turns), ' turn')"/><xsl:if test="count($turns) > 1">s</xsl:if></li>
            </xsl:for-each>
          </ul>
        </xsl:if>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tk-index-entry">
    <xsl:param name="id"/>
    <xsl:variable name="key" select="concat('#', $id)"/>
    <xsl:variable name="turns" select="key('tk-turns', $key)"/>
    <xsl:variable name="n"><xsl:call-template name="tk-mention-count"><xsl:with-param name="key" select="$key"/></xsl:call-template></xsl:variable>
    <xsl:if test="$n > 0 or $turns">
      <xsl:variable name="full"><xsl:call-template name="tk-person-name"><xsl:with-param name="id" select="$id"/></xsl:call-template></xsl:variable>
      <li id="tk-p-{translate($id, $tk-id-bad, $tk-id-good)}">
        <strong class="pname"><xsl:value-of select="$full"/></strong>
        <xsl:variable name="forms" select="id($id)[self::tei:person][1]/tei:persName[position() > 1]"/>
        <xsl:if test="$forms">
          <span class="forms"> (<xsl:for-each select="$forms"><xsl:if test="position() > 1">; </xsl:if><xsl:value-of select="normalize-space(.)"/></xsl:for-each>)</span>
        </xsl:if>
        <!-- authority records (idno VIAF, Wikidata, GND, SNAC, URI...: common.xsl's table) as
             plain links -->
        <xsl:for-each select="id($id)[self::tei:person][1][tei:idno]">
          <xsl:variable name="auth"><xsl:call-template name="tk-person-authorities"/></xsl:variable>
          <xsl:for-each select="exsl:node-set($auth)/a">
            <xsl:text> </xsl:text>
            <a class="authority" href="{@href}" rel="noreferrer" title="{@label} {@value}"><xsl:value-of select="@label"/></a>
          </xsl:for-each>
        </xsl:for-each>
        <ul class="ctx">
          <xsl:for-each select="$turns">
            <xsl:variable name="turn-id"><xsl:call-template name="tk-turn-id"/></xsl:variable>
            <li class="turn"><a href="#{$turn-id}">speaks</a>
              <xsl:text>: </xsl:text>
              <!-- (the speech read word by word: <vocal>..</vocal>you is two words) -->
              <xsl:variable name="speech"><xsl:apply-templates select="tei:speaker[1]/following-sibling::*[1] | self::*[not(tei:speaker)]" mode="tk-plain"/></xsl:variable>
              <xsl:call-template name="tk-clip">
                <xsl:with-param name="s" select="normalize-space($speech)"/>
              </xsl:call-template>
            </li>
          </xsl:for-each>
          <xsl:choose>
            <xsl:when test="$tk-c-mentions">
              <xsl:for-each select="tk:mentions($key)"><xsl:call-template name="tk-mention-ctx"/></xsl:for-each>
            </xsl:when>
            <xsl:otherwise>
              <xsl:for-each select="$tk-mentions[contains(concat(' ', normalize-space(@ref), ' '), concat(' ', $key, ' '))]"><xsl:call-template name="tk-mention-ctx"/></xsl:for-each>
            </xsl:otherwise>
          </xsl:choose>
        </ul>
      </li>
    </xsl:if>
  </xsl:template>

  <!-- One mention: a link to it, with the words around it in its paragraph. -->
  <xsl:template name="tk-mention-ctx">
    <xsl:variable name="k"><xsl:call-template name="tk-mention-num"/></xsl:variable>
    <xsl:if test="$k != ''">
      <xsl:variable name="raw-b" select="string(preceding-sibling::text()[1])"/>
      <xsl:variable name="raw-a" select="string(following-sibling::text()[1])"/>
      <xsl:variable name="before" select="normalize-space($raw-b)"/>
      <xsl:variable name="after" select="normalize-space($raw-a)"/>
      <li class="mention">
        <xsl:if test="string-length($before) > 40">…</xsl:if>
        <xsl:value-of select="substring($before, string-length($before) - 39)"/>
        <xsl:if test="$before != '' and normalize-space(substring($raw-b, string-length($raw-b))) = ''"><xsl:text> </xsl:text></xsl:if>
        <a href="#tk-m{$k}"><xsl:value-of select="normalize-space(.)"/></a>
        <xsl:if test="$after != '' and normalize-space(substring($raw-a, 1, 1)) = ''"><xsl:text> </xsl:text></xsl:if>
        <xsl:value-of select="substring($after, 1, 40)"/>
        <xsl:if test="string-length($after) > 40">…</xsl:if>
      </li>
    </xsl:if>
  </xsl:template>

  <!-- The first 80 characters of s, with an ellipsis when cut. -->
  <xsl:template name="tk-clip">
    <xsl:param name="s"/>
    <xsl:value-of select="substring($s, 1, 80)"/>
    <xsl:if test="string-length($s) > 80">…</xsl:if>
  </xsl:template>

</xsl:stylesheet>
