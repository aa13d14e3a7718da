<?xml version="1.0" encoding="UTF-8"?>
<!-- diplomatic.xsl: TEI back to the transcript's text as printed, for the lossless test.
     It implements exactly the rendering contract of docs/inline.md (brackets from @rend,
     desc of gap/vocal/incident, pb as "Page n", anchors as their @n, ex in brackets, footnote
     markers as printed and note texts in a list after the text). Header text follows a line
     "=== header ===" so the test can tell body from header. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">
  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/">
    <xsl:apply-templates select="//tei:text"/>
    <xsl:for-each select="//tei:note[@place='foot'][not(@type='unanchored')][node()]">
      <xsl:value-of select="concat('[', @n, '] ')"/>
      <xsl:apply-templates/>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
    <xsl:text>&#10;=== header ===&#10;</xsl:text>
    <xsl:for-each select="//tei:teiHeader//text()">
      <xsl:value-of select="."/>
      <xsl:text> </xsl:text>
    </xsl:for-each>
  </xsl:template>

  <!-- blocks: one paragraph each -->
  <xsl:template match="tei:p|tei:head|tei:l|tei:item|tei:speaker|tei:dateline|tei:salute|tei:signed|tei:closer|tei:opener|tei:ab|tei:label|tei:trailer|tei:byline">
    <xsl:apply-templates/>
    <xsl:text>&#10;&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="tei:item/tei:p|tei:sp/tei:p">
    <xsl:apply-templates/>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="tei:item[@n]">
    <xsl:value-of select="concat(@n, ' ')"/>
    <xsl:apply-templates/>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="tei:timeline|tei:desc"/>

  <!-- rule 1: @rend says which brackets were printed around the content -->
  <xsl:template match="*[contains(concat(' ', @rend, ' '), ' bracketed ') or contains(concat(' ', @rend, ' '), ' parenthesized ')]" priority="1">
    <xsl:variable name="paren" select="contains(concat(' ', @rend, ' '), ' parenthesized ')"/>
    <xsl:choose>
      <xsl:when test="$paren">(</xsl:when>
      <xsl:otherwise>[</xsl:otherwise>
    </xsl:choose>
    <xsl:if test="contains(@rend, 'prefixed-')">
      <xsl:value-of select="substring-before(concat(substring-after(@rend, 'prefixed-'), ' '), ' ')"/>
      <xsl:text>: </xsl:text>
    </xsl:if>
    <xsl:apply-templates select="." mode="content"/>
    <xsl:if test="contains(concat(' ', @rend, ' '), ' query ')">?</xsl:if>
    <xsl:choose>
      <xsl:when test="$paren">)</xsl:when>
      <xsl:otherwise>]</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- rule 2: the diplomatic content -->
  <xsl:template match="*" mode="content"><xsl:apply-templates/></xsl:template>
  <xsl:template match="tei:gap|tei:vocal|tei:incident|tei:kinesic" mode="content">
    <xsl:value-of select="tei:desc"/>
  </xsl:template>
  <xsl:template match="tei:pause" mode="content">
    <xsl:if test="@type"><xsl:value-of select="concat(@type, ' ')"/></xsl:if>
    <xsl:text>pause</xsl:text>
  </xsl:template>
  <xsl:template match="tei:pb" mode="content">
    <xsl:value-of select="concat('Page ', @n)"/>
  </xsl:template>
  <xsl:template match="tei:anchor" mode="content"><xsl:value-of select="@n"/></xsl:template>

  <!-- block-side milestones (no @rend): a timestamp line prints [n]; Spacelog's _page and
       _extra/_tape lines print as `_unit : n` (the test folds their spacing) -->
  <xsl:template match="tei:anchor[@n][not(@rend)]">
    <xsl:value-of select="concat('[', @n, ']&#10;')"/>
  </xsl:template>
  <xsl:template match="tei:pb[not(@rend)]">
    <xsl:value-of select="concat('&#10;_page : ', @n, '&#10;')"/>
  </xsl:template>
  <xsl:template match="tei:milestone[@unit]">
    <xsl:value-of select="concat('&#10;_', @unit, ' : ', @n, '&#10;')"/>
  </xsl:template>
  <!-- a Spacelog comment line "# text" (block side: note[@type='comment']) -->
  <xsl:template match="tei:note[@type='comment']" priority="2">
    <xsl:text>&#10;# </xsl:text><xsl:apply-templates/><xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="tei:ex">[<xsl:apply-templates/>]</xsl:template>
  <xsl:template match="tei:choice"><xsl:apply-templates select="tei:sic|tei:orig|tei:abbr"/></xsl:template>

  <!-- footnote markers as printed -->
  <xsl:template match="tei:note[@place='foot']" priority="2">
    <xsl:choose>
      <xsl:when test="@type='unanchored'">
        <xsl:value-of select="concat(' [', @n, '] ')"/>
        <xsl:apply-templates/>
      </xsl:when>
      <xsl:when test="@rend='bracketed'"><xsl:value-of select="concat('[', @n, ']')"/></xsl:when>
      <xsl:when test="@rend='parenthesized'"><xsl:value-of select="concat('(', @n, ')')"/></xsl:when>
      <xsl:when test="@rend='superscript'">
        <xsl:value-of select="translate(@n, '0123456789', '⁰¹²³⁴⁵⁶⁷⁸⁹')"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="@n"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
