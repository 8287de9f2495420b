// The offline base map: world-atlas country shapes (Natural Earth 1:50m,
// public domain) bundled into the build, drawn with d3-geo. Loaded lazily,
// only by the screens that show a map.

import { geoMercator, geoPath, type GeoProjection } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import countries50m from 'world-atlas/countries-50m.json';

export interface Country {
  id: string;
  name: string;
  feature: Feature<Geometry, { name: string }>;
}

let cache: Country[] | null = null;

export function countries(): Country[] {
  if (cache) return cache;
  const topo = countries50m as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const fc = feature(topo, topo.objects.countries) as FeatureCollection<Geometry, { name: string }>;
  cache = fc.features.map((f) => ({ id: String(f.id ?? ''), name: f.properties?.name ?? '', feature: f }));
  return cache;
}

/** A Mercator projection fitted to [[west, south], [east, north]] in a w×h box. */
export function fitProjection(bounds: [[number, number], [number, number]], w: number, h: number, pad = 24): GeoProjection {
  const [[w0, s0], [e0, n0]] = bounds;
  const box: FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: {},
        geometry: { type: 'MultiPoint', coordinates: [[w0, s0], [e0, n0], [w0, n0], [e0, s0]] },
      },
    ],
  };
  return geoMercator().fitExtent(
    [
      [pad, pad],
      [w - pad, h - pad],
    ],
    box,
  );
}

export function pathFor(projection: GeoProjection): (f: Feature) => string {
  const gp = geoPath(projection);
  return (f) => gp(f) ?? '';
}

/** Bounds around points, padded and kept to a sensible minimum size; a default region when empty. */
export function boundsOf(points: [number, number][]): [[number, number], [number, number]] {
  const ok = points.filter(([lon, lat]) => Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lat) <= 85 && Math.abs(lon) <= 180);
  if (ok.length === 0) return [[-18, 0], [75, 42]]; // North Africa, the Sahel, the Middle East, Afghanistan
  let w = 180, s = 90, e = -180, n = -90;
  for (const [lon, lat] of ok) {
    w = Math.min(w, lon);
    e = Math.max(e, lon);
    s = Math.min(s, lat);
    n = Math.max(n, lat);
  }
  const minSpan = 8;
  if (e - w < minSpan) {
    const c = (e + w) / 2;
    w = c - minSpan / 2;
    e = c + minSpan / 2;
  }
  if (n - s < minSpan) {
    const c = (n + s) / 2;
    s = c - minSpan / 2;
    n = c + minSpan / 2;
  }
  const px = (e - w) * 0.08;
  const py = (n - s) * 0.08;
  return [
    [Math.max(-180, w - px), Math.max(-80, s - py)],
    [Math.min(180, e + px), Math.min(84, n + py)],
  ];
}
