<?xml version="1.0" encoding="UTF-8"?>
<!-- tei2html.xsl: TEI P5 -> one self-contained HTML5 page. The rules are in html-rules.xsl,
     imported so that one rule here stands around every element's own rule: the marker of a
     stand-off apparatus entry (app/@from, @to) goes at the end of the place it points to,
     whatever template renders that place (a verse line, a paragraph, a seg, an anchor).
     Parameters: view (diplomatic|normalized: the view shown first), css (extra CSS appended
     to the built-in style), lines (5: verse line numbers every fifth line, all: every line). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:exsl="http://exslt.org/common"
    xmlns:tk="urn:x-teikit:render"
    exclude-result-prefixes="tei exsl tk">

  <xsl:import href="html-rules.xsl"/>

  <!-- Every element: its own rule (html-rules.xsl); when it is the place of a stand-off entry,
       that entry's marker at its end. (The test is one global boolean and an attribute: the
       common case costs one more template call per element.) -->
  <xsl:template match="*">
    <xsl:choose>
      <xsl:when test="$tk-so-any and @xml:id">
        <xsl:variable name="k"><xsl:call-template name="tk-so-num"/></xsl:variable>
        <xsl:choose>
          <xsl:when test="$k = ''"><xsl:apply-imports/></xsl:when>
          <xsl:otherwise>
            <xsl:variable name="out"><xsl:apply-imports/></xsl:variable>
            <xsl:call-template name="so-place">
              <xsl:with-param name="nodes" select="exsl:node-set($out)/node()"/>
              <xsl:with-param name="k" select="$k"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise><xsl:apply-imports/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Blocks of the page the marker goes into (at the end of their last block, so that it
       ends the verse line or paragraph rather than standing on a line of its own). -->
  <xsl:variable name="tk-so-into" select="' div p li section blockquote ul ol table tbody tr td th dd figure h1 h2 h3 h4 h5 h6 caption figcaption '"/>

  <!-- Copies `nodes` (the rendering of the place) with the marker of entry `k` at their end:
       inside the last node when it is a block (recursively), else after it. -->
  <xsl:template name="so-place">
    <xsl:param name="nodes"/>
    <xsl:param name="k"/>
    <xsl:variable name="last" select="$nodes[self::* or normalize-space()][last()]"/>
    <xsl:choose>
      <xsl:when test="$last[self::*] and contains($tk-so-into, concat(' ', local-name($last), ' '))">
        <xsl:for-each select="$nodes">
          <xsl:choose>
            <xsl:when test="count(. | $last) = 1">
              <xsl:copy>
                <xsl:copy-of select="@*"/>
                <xsl:call-template name="so-place">
                  <xsl:with-param name="nodes" select="node()"/>
                  <xsl:with-param name="k" select="$k"/>
                </xsl:call-template>
              </xsl:copy>
            </xsl:when>
            <xsl:otherwise><xsl:copy-of select="."/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:copy-of select="$nodes"/>
        <sup class="appref"><a id="tk-ar{$k}" href="#tk-a{$k}" title="apparatus"><xsl:value-of select="$k"/></a></sup>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
