<?xml version="1.0"?>
<!-- read.xsl: copies document($path), resolved against the input document's location. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:param name="path" select="'/etc/passwd'"/>
  <xsl:template match="/">
    <out><xsl:copy-of select="document($path, /)"/></out>
  </xsl:template>
</xsl:stylesheet>
