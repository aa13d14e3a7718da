<?xml version="1.0" encoding="UTF-8"?>
<!-- turns.xsl: a reference for the accuracy benchmark, made from a transcript whose vendor
     encodes each speaker turn as a p that starts with the printed label ("SECRETARY KISSINGER:
     ..." or "<hi rend='strong'>DR. KISSINGER:</hi> ..."). Such a p becomes
     sp[@who]/speaker (the label as printed, colon included) + p (the rest), and the p's that
     follow it without a label, up to the next label or the next element that is not a p,
     join that sp. A label is the text before the first colon: 2 to 40 characters of capital
     letters, spaces, periods and hyphens. @who is made from the label ("DR. KISSINGER" ->
     #dr-kissinger), so turns are grouped by label. Everything else is copied as is. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:tei="http://www.tei-c.org/ns/1.0" xmlns="http://www.tei-c.org/ns/1.0"
                exclude-result-prefixes="tei">
  <xsl:output method="xml" encoding="UTF-8"/>

  <xsl:template match="@*|node()">
    <xsl:copy><xsl:apply-templates select="@*|node()"/></xsl:copy>
  </xsl:template>

  <!-- a p with a label opens a turn -->
  <xsl:template match="tei:p[string-length(substring-before(normalize-space(.), ':')) &gt; 1
                        and string-length(substring-before(normalize-space(.), ':')) &lt; 41
                        and translate(substring-before(normalize-space(.), ':'), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ .-', '') = ''
                        and translate(substring-before(normalize-space(.), ':'), ' .-', '') != '']">
    <xsl:variable name="label" select="substring-before(normalize-space(.), ':')"/>
    <xsl:variable name="first" select="node()[not(self::text()) or normalize-space(.) != ''][1]"/>
    <sp who="#{translate(translate(normalize-space($label), ' ', '-'), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ.', 'abcdefghijklmnopqrstuvwxyz')}">
      <speaker><xsl:value-of select="$label"/>:</speaker>
      <p>
        <xsl:copy-of select="@*"/>
        <xsl:choose>
          <!-- the label is the start of the first text node -->
          <xsl:when test="$first/self::text()">
            <xsl:value-of select="substring-after($first, ':')"/>
            <xsl:apply-templates select="$first/following-sibling::node()"/>
          </xsl:when>
          <!-- the label is an element of its own (hi rend="strong") -->
          <xsl:otherwise>
            <xsl:if test="not(contains($first, ':'))">
              <xsl:value-of select="substring-after($first/following-sibling::node()[1], ':')"/>
            </xsl:if>
            <xsl:apply-templates select="$first/following-sibling::node()[position() &gt; 1 or contains($first, ':')]"/>
          </xsl:otherwise>
        </xsl:choose>
      </p>
      <xsl:apply-templates mode="continue" select="following-sibling::*[1]"/>
    </sp>
  </xsl:template>

  <!-- the p's without a label that follow a turn belong to it -->
  <xsl:template mode="continue" match="tei:p[not(string-length(substring-before(normalize-space(.), ':')) &gt; 1
                        and string-length(substring-before(normalize-space(.), ':')) &lt; 41
                        and translate(substring-before(normalize-space(.), ':'), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ .-', '') = ''
                        and translate(substring-before(normalize-space(.), ':'), ' .-', '') != '')]">
    <xsl:copy><xsl:apply-templates select="@*|node()"/></xsl:copy>
    <xsl:apply-templates mode="continue" select="following-sibling::*[1]"/>
  </xsl:template>
  <xsl:template mode="continue" match="*"/>

  <!-- ... and are not copied again where they stand -->
  <xsl:template match="tei:p[preceding-sibling::*[1][self::tei:p]]
                        [not(string-length(substring-before(normalize-space(.), ':')) &gt; 1
                        and string-length(substring-before(normalize-space(.), ':')) &lt; 41
                        and translate(substring-before(normalize-space(.), ':'), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ .-', '') = ''
                        and translate(substring-before(normalize-space(.), ':'), ' .-', '') != '')]">
    <xsl:variable name="turn" select="preceding-sibling::tei:p[string-length(substring-before(normalize-space(.), ':')) &gt; 1
                        and string-length(substring-before(normalize-space(.), ':')) &lt; 41
                        and translate(substring-before(normalize-space(.), ':'), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ .-', '') = ''
                        and translate(substring-before(normalize-space(.), ':'), ' .-', '') != ''][1]"/>
    <xsl:variable name="other" select="preceding-sibling::*[not(self::tei:p)][1]"/>
    <xsl:if test="not($turn) or ($other and count($other/preceding-sibling::*) &gt; count($turn/preceding-sibling::*))">
      <xsl:copy><xsl:apply-templates select="@*|node()"/></xsl:copy>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
