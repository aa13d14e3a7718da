<?xml version="1.0"?>
<!-- terminate.xsl: says something, then stops the transformation (line numbers are tested). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/">
    <xsl:message>looking at <xsl:value-of select="name(/*)"/></xsl:message>
    <xsl:message terminate="yes">refusing this document</xsl:message>
    <never/>
  </xsl:template>
</xsl:stylesheet>
