declare module "@lapo/extractcms" {
  interface Asn1 {
    sub: Asn1[] | null;
    typeName(): string;
  }
  const CMS: {
    extract(data: Uint8Array): Buffer;
    parse(data: Uint8Array): Asn1;
  };
  export default CMS;
}
