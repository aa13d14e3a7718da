<?xml version="1.0"?>
<!-- identity.xsl: a user stylesheet for tests: copies the document and adds the string
     parameter `greeting` as an element, to show that the xslt and param options reach it. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:param name="greeting" select="'none'"/>
  <xsl:template match="/">
    <out><greeting><xsl:value-of select="$greeting"/></greeting><xsl:copy-of select="/*"/></out>
  </xsl:template>
</xsl:stylesheet>
