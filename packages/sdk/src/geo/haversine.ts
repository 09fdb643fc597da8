/**
 * Great-circle distances on a spherical Earth (haversine). Precise to about 0.5 % against the
 * ellipsoid, which is far below the precision of the locations companies give.
 */

/** Mean Earth radius in km (IUGG). */
export const EARTH_RADIUS_KM = 6371.0088;

const RAD = Math.PI / 180;

/**
 * Haversine distance from the parts callers may have precomputed (latitudes in radians, their
 * cosines, longitude difference in radians). Every distance of the SDK goes through this one
 * expression, so that a precomputed and an ad-hoc distance are bit-identical.
 */
export function haversineCore(lat1Rad: number, lat2Rad: number, cos1: number, cos2: number, dLonRad: number): number {
  const s1 = Math.sin((lat2Rad - lat1Rad) / 2);
  const s2 = Math.sin(dLonRad / 2);
  const a = s1 * s1 + cos1 * cos2 * s2 * s2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Distance in km between two points given in degrees. Symmetric to the last bit. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const p1 = lat1 * RAD;
  const p2 = lat2 * RAD;
  return haversineCore(p1, p2, Math.cos(p1), Math.cos(p2), lon2 * RAD - lon1 * RAD);
}

/** A point with a latitude and a longitude in degrees (an establishment's `location` fits). */
export interface LatLonLike {
  lat?: number | undefined;
  lon?: number | undefined;
}

/** Distance in km between two locations, or undefined when either lacks coordinates. */
export function distanceKm(a: LatLonLike | undefined, b: LatLonLike | undefined): number | undefined {
  if (a?.lat === undefined || a.lon === undefined || b?.lat === undefined || b.lon === undefined) return undefined;
  return haversineKm(a.lat, a.lon, b.lat, b.lon);
}
