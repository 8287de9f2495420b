// Command loadgen measures marsad serve under concurrent requests: search
// with Arabic queries and filters, and event listing pages, each for a
// while at a few concurrency levels, reporting requests a second and the
// 50th, 95th and 99th percentile latencies.
//
//	go run ./tools/loadgen --url http://127.0.0.1:8080
//	go run ./tools/loadgen --serve bin/marsad --db /tmp/snn.db   (starts and stops the server)
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Searches as analysts type them: words in clitic forms, a phrase, OR,
// a negation, a prefix, and filters; an empty query lists the newest.
var searches = []string{
	"q=الموصل",
	"q=السعودية&from=2015-08-01&to=2015-08-31",
	"q=" + url.QueryEscape(`"قوات الأمن"`),
	"q=" + url.QueryEscape("داعش OR القاعدة"),
	"q=انفجار&country=IQ",
	"q=" + url.QueryEscape("الحوثي -صنعاء"),
	"q=" + url.QueryEscape("إرهاب*"),
	"q=اليمن&source=aawsat",
	"q=الرياض&limit=50",
	"country=SA",
	"",
}

// Event pages: the events table (newest first, then pages further on),
// the map's deadliest 1000, filters.
var events = []string{
	"limit=50",
	"limit=50&offset=500",
	"limit=50&offset=5000",
	"limit=50&sort=-fatalities",
	"limit=1000&sort=-fatalities",
	"limit=50&country=YE",
	"limit=50&type=battles",
	"limit=50&from=2015-08-01&to=2015-08-15",
	"limit=50&place=الرياض",
}

func main() {
	base := flag.String("url", "", "a running marsad serve (http://host:port)")
	serve := flag.String("serve", "", "instead: start this marsad binary (serve --rate 0) on a free loopback port")
	db := flag.String("db", "", "with --serve: the store")
	extra := flag.String("serve-flags", "", "with --serve: more flags for marsad serve (e.g. --facet-cache 0)")
	levels := flag.String("c", "1,4,16", "concurrency levels")
	dur := flag.Duration("d", 10*time.Second, "time at each level, per endpoint")
	flag.Parse()
	if (*base == "") == (*serve == "") {
		fmt.Fprintln(os.Stderr, "loadgen: give --url or --serve (with --db)")
		os.Exit(2)
	}
	if *serve != "" {
		u, stop, err := start(*serve, *db, strings.Fields(*extra))
		if err != nil {
			fmt.Fprintln(os.Stderr, "loadgen:", err)
			os.Exit(1)
		}
		defer stop()
		*base = u
	}
	var cs []int
	for _, s := range strings.Split(*levels, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "loadgen: -c: %q is not a concurrency\n", s)
			os.Exit(2)
		}
		cs = append(cs, n)
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256, MaxConnsPerHost: 256}, Timeout: time.Minute}
	var h struct{ Documents, Events int }
	if err := getJSON(client, *base+"/api/v1/health", &h); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
	fmt.Printf("marsad at %s: %s\n\n", *base, healthLine(client, *base))
	fmt.Printf("%-8s %4s %8s %8s %8s %8s %8s %6s\n", "endpoint", "c", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors")
	for _, c := range cs {
		for _, ep := range []struct {
			name, path string
			qs         []string
		}{{"search", "/api/v1/search?", searches}, {"events", "/api/v1/events?", events}} {
			r := run(client, *base+ep.path, ep.qs, c, *dur)
			fmt.Printf("%-8s %4d %8d %8.1f %8.1f %8.1f %8.1f %6d\n", ep.name, c, len(r.lat), float64(len(r.lat))/r.el.Seconds(),
				pct(r.lat, 50), pct(r.lat, 95), pct(r.lat, 99), r.errs)
		}
	}
}

type result struct {
	lat  []time.Duration
	errs int
	el   time.Duration
}

// run sends requests from c workers for d, each picking queries in turn.
func run(client *http.Client, prefix string, qs []string, c int, d time.Duration) result {
	var mu sync.Mutex
	var res result
	deadline := time.Now().Add(d)
	start := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < c; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			i := rand.IntN(len(qs))
			for time.Now().Before(deadline) {
				q := qs[i%len(qs)]
				i++
				t0 := time.Now()
				err := fetch(client, prefix+q)
				el := time.Since(t0)
				mu.Lock()
				if err != nil {
					res.errs++
					if res.errs <= 3 {
						fmt.Fprintf(os.Stderr, "loadgen: %s: %v\n", q, err)
					}
				} else {
					res.lat = append(res.lat, el)
				}
				mu.Unlock()
			}
		}(w)
	}
	wg.Wait()
	res.el = time.Since(start)
	return res
}

func fetch(client *http.Client, u string) error {
	res, err := client.Get(u)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if _, err := io.Copy(io.Discard, res.Body); err != nil {
		return err
	}
	if res.StatusCode != 200 {
		return fmt.Errorf("status %d", res.StatusCode)
	}
	return nil
}

func pct(lat []time.Duration, p float64) float64 {
	if len(lat) == 0 {
		return 0
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	i := int(float64(len(lat)-1) * p / 100)
	return float64(lat[i].Microseconds()) / 1000
}

func getJSON(client *http.Client, u string, v any) error {
	res, err := client.Get(u)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		return fmt.Errorf("%s: status %d", u, res.StatusCode)
	}
	_, err = io.Copy(io.Discard, res.Body)
	return err
}

func healthLine(client *http.Client, base string) string {
	res, err := client.Get(base + "/api/v1/health")
	if err != nil {
		return err.Error()
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return strings.TrimSpace(string(b))
}

// start runs "BIN serve" on a free loopback port and waits for it.
func start(bin, db string, extra []string) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	args := []string{"serve", "--quiet", "--rate", "0", "--addr", addr}
	if db != "" {
		args = append(args, "--db", db)
	}
	args = append(args, extra...)
	cmd := exec.Command(bin, args...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return "", nil, err
	}
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			fmt.Fprintln(os.Stderr, sc.Text())
		}
	}()
	stop := func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			_ = cmd.Process.Kill()
		}
	}
	u := "http://" + addr
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for ctx.Err() == nil {
		if res, err := http.Get(u + "/api/v1/health"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return u, stop, nil
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	stop()
	return "", nil, fmt.Errorf("%s serve did not answer on %s", bin, u)
}
