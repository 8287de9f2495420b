package api

import (
	"context"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// metrics are what /metrics exposes, in Prometheus's text format.
type metrics struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	ingested *prometheus.CounterVec
	analyzed prometheus.Counter
	exported *prometheus.CounterVec
}

func newMetrics(reg *prometheus.Registry, s *Server) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "marsad_http_requests_total", Help: "HTTP requests by route and status.",
		}, []string{"route", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "marsad_http_request_duration_seconds", Help: "HTTP request latency by route.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"route"}),
		ingested: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "marsad_ingest_documents_total", Help: "Documents posted to /api/v1/ingest, by outcome.",
		}, []string{"outcome"}),
		analyzed: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "marsad_analyze_documents_total", Help: "Texts analysed by /api/v1/analyze.",
		}),
		exported: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "marsad_export_events_total", Help: "Events written by /api/v1/export, by format.",
		}, []string{"format"}),
	}
	reg.MustRegister(m.requests, m.latency, m.ingested, m.analyzed, m.exported,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if s.cfg.Store != nil {
		reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "marsad_store_documents", Help: "Documents in the store (near-duplicates included).",
		}, func() float64 {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			st, err := s.storeStats(ctx)
			if err != nil {
				return -1
			}
			return float64(st.Documents)
		}))
	}
	return m
}

func (m *metrics) request(route string, status int, d time.Duration) {
	m.requests.WithLabelValues(route, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(route).Observe(d.Seconds())
}
