<?xml version="1.0"?>
<!-- write.xsl: tries to write a file (@OUT@ is replaced by the test) with exsl:document. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
  <xsl:template match="/">
    <exsl:document href="@OUT@" method="text">written</exsl:document>
    <done/>
  </xsl:template>
</xsl:stylesheet>
