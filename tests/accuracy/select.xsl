<?xml version="1.0" encoding="UTF-8"?>
<!-- select.xsl: a reference for the accuracy benchmark, made from a FRUS volume: a teiCorpus
     with the volume's teiHeader and one TEI per document, as teikit convert makes one TEI per
     document of a file. $ids lists the divs wanted (xml:ids, space-separated); empty: every
     div[@type='document']. A selected div that holds documents (a chapter) gives one TEI for
     its own text (its head) and one per document in it. The vendor's markup inside a
     document is copied as is: nothing is corrected. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:tei="http://www.tei-c.org/ns/1.0" xmlns="http://www.tei-c.org/ns/1.0"
                exclude-result-prefixes="tei">
  <xsl:output method="xml" encoding="UTF-8"/>
  <xsl:param name="ids" select="''"/>

  <xsl:template match="/">
    <teiCorpus>
      <xsl:copy-of select="/tei:TEI/tei:teiHeader"/>
      <xsl:choose>
        <xsl:when test="normalize-space($ids) != ''">
          <xsl:apply-templates mode="unit"
              select="//tei:div[@xml:id and contains(concat(' ', normalize-space($ids), ' '), concat(' ', @xml:id, ' '))]"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates mode="unit" select="//tei:div[@type = 'document']"/>
        </xsl:otherwise>
      </xsl:choose>
    </teiCorpus>
  </xsl:template>

  <!-- a document: one TEI holding the div as it is -->
  <xsl:template match="tei:div" mode="unit">
    <xsl:call-template name="tei">
      <xsl:with-param name="content" select="."/>
    </xsl:call-template>
  </xsl:template>

  <!-- a div holding documents: its own text first, then each document -->
  <xsl:template match="tei:div[.//tei:div[@type = 'document']]" mode="unit">
    <xsl:call-template name="tei">
      <xsl:with-param name="content" select="node()[not(self::tei:div)]"/>
    </xsl:call-template>
    <xsl:apply-templates mode="unit" select=".//tei:div[@type = 'document']"/>
  </xsl:template>

  <xsl:template name="tei">
    <xsl:param name="content"/>
    <TEI>
      <teiHeader>
        <fileDesc>
          <titleStmt><title><xsl:value-of select="normalize-space(tei:head)"/></title></titleStmt>
          <publicationStmt><idno><xsl:value-of select="@xml:id"/></idno></publicationStmt>
          <sourceDesc><p>Selected from <xsl:value-of select="/tei:TEI/@xml:id"/> by tests/accuracy/select.xsl.</p></sourceDesc>
        </fileDesc>
      </teiHeader>
      <text><body><xsl:copy-of select="$content"/></body></text>
    </TEI>
  </xsl:template>
</xsl:stylesheet>
