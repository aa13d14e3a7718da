<?xml version="1.0" encoding="UTF-8"?>
<!-- words.xsl: the text of a TEI document's text element(s) (not the header) for the reference
     word test in tests/t_render.sh. Element boundaries separate words (a newline), except for
     elements that occur inside words (g, hi, c, ex, am, seg, lb/pb/cb with break="no" ...).
     A document without tei:text gives all its text. Deliberately independent of xslt/. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0">
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:variable name="glue" select="' g c am ex expan abbr hi seg unclear supplied add del damage w '"/>
  <xsl:template match="/">
    <xsl:variable name="t" select="//tei:text[not(ancestor::tei:text)]"/>
    <xsl:apply-templates select="$t | /*[not($t)]"/>
  </xsl:template>
  <xsl:template match="tei:teiHeader"/>
  <xsl:template match="*">
    <xsl:choose>
      <!-- (the readings of a subst, choice or app are alternatives: words apart) -->
      <xsl:when test="(contains($glue, concat(' ', local-name(), ' ')) and not(parent::tei:subst or parent::tei:choice or parent::tei:app)) or @break = 'no'"><xsl:apply-templates/></xsl:when>
      <xsl:otherwise><xsl:text>&#10;</xsl:text><xsl:apply-templates/><xsl:text>&#10;</xsl:text></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="comment() | processing-instruction()"/>
</xsl:stylesheet>
