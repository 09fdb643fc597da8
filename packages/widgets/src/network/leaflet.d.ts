// Leaflet's ES module build has the types of the package's main entry.
declare module 'leaflet/dist/leaflet-src.esm.js' {
  export * from 'leaflet';
}
