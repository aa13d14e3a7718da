<?xml version="1.0"?>
<!-- syntax.xsl: an XPath syntax error on line 5. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/">
    <xsl:value-of select="count(("/>
  </xsl:template>
</xsl:stylesheet>
