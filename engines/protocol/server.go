// Package protocol is the engine's request/response loop: one JSON object per line on stdin and stdout.
//
//	request:  {"id": 7, "method": "helm.render", "params": {...}, "timeoutMs": 5000}
//	response: {"id": 7, "result": {...}}  or  {"id": 7, "error": {"code": "...", "message": "..."}}
//	cancel:   {"method": "cancel", "params": {"id": 7}}   (no response of its own)
//
// Requests run concurrently and their responses come out in completion order. Go cannot stop a
// goroutine, so a request still running past its deadline, or a heap past its limit, ends the process
// after every pending request has been answered: the client starts a new engine on its next request.
package protocol

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"
)

// Error codes a client can act on.
const (
	CodeParse     = "parse_error"       // the line is not a request
	CodeMethod    = "unknown_method"    // no such method
	CodeParams    = "invalid_params"    // params do not fit the method
	CodeCancelled = "cancelled"         // a cancel request arrived first
	CodeTimeout   = "timeout"           // past its deadline: the engine exits to stop it
	CodeMemory    = "memory_limit"      // the heap passed its limit: the engine exits
	CodeRestart   = "engine_restart"    // another request forced the engine to exit
	CodeInternal  = "internal"          // a bug: a panic in a handler, with its message
	CodeTooLarge  = "request_too_large" // a request line over the size limit
)

// Error is a failure a handler returns with a code of its own.
type Error struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (e *Error) Error() string { return e.Message }

// Handler answers one method. It should return soon after ctx is done, where it can.
type Handler func(ctx context.Context, params json.RawMessage) (any, error)

// Limits bound the whole process.
type Limits struct {
	MaxRequestBytes int           // one request line
	DefaultTimeout  time.Duration // when a request names none
	MaxTimeout      time.Duration // the most a request may ask for
	MaxHeapBytes    uint64        // live heap that ends the process
	Concurrency     int           // requests running at once; the rest wait (and can be cancelled while waiting)
}

// DefaultLimits fit a language server's engine: a render is interactive, so seconds, not minutes.
func DefaultLimits() Limits {
	return Limits{
		MaxRequestBytes: 256 << 20,
		DefaultTimeout:  10 * time.Second,
		MaxTimeout:      120 * time.Second,
		MaxHeapBytes:    1 << 30,
		Concurrency:     max(1, runtime.GOMAXPROCS(0)),
	}
}

type request struct {
	ID        *json.RawMessage `json:"id"`
	Method    string           `json:"method"`
	Params    json.RawMessage  `json:"params"`
	TimeoutMs int64            `json:"timeoutMs"`
}

type response struct {
	ID     json.RawMessage `json:"id"`
	Result any             `json:"result,omitempty"`
	Error  *Error          `json:"error,omitempty"`
}

type pending struct {
	id       json.RawMessage
	cancel   context.CancelFunc
	deadline time.Time
	answered bool
}

// Server reads requests from in and writes responses to out.
type Server struct {
	limits   Limits
	handlers map[string]Handler
	in       io.Reader
	out      *bufio.Writer
	outMu    sync.Mutex
	mu       sync.Mutex
	pending  map[string]*pending
	slots    chan struct{}
	exit     func(code int)
}

// NewServer makes a server; register methods with Handle, then call Serve.
func NewServer(in io.Reader, out io.Writer, limits Limits) *Server {
	return &Server{
		limits:   limits,
		handlers: map[string]Handler{},
		in:       in,
		out:      bufio.NewWriterSize(out, 1<<16),
		pending:  map[string]*pending{},
		slots:    make(chan struct{}, limits.Concurrency),
		exit:     os.Exit,
	}
}

// Handle registers a method.
func (s *Server) Handle(method string, h Handler) { s.handlers[method] = h }

// Methods lists the registered methods.
func (s *Server) Methods() []string {
	names := make([]string, 0, len(s.handlers))
	for name := range s.handlers {
		names = append(names, name)
	}
	return names
}

// Serve runs until stdin ends; then it waits for the requests in flight and returns.
func (s *Server) Serve() error {
	// The GC works harder as the heap nears the limit, before the watchdog has to act.
	debug.SetMemoryLimit(int64(s.limits.MaxHeapBytes) * 3 / 4)
	stop := make(chan struct{})
	go s.watch(stop)
	defer close(stop)

	var wg sync.WaitGroup
	reader := bufio.NewReaderSize(s.in, 1<<16)
	for {
		line, tooLong, err := readLine(reader, s.limits.MaxRequestBytes)
		if tooLong {
			s.write(response{ID: json.RawMessage("null"), Error: &Error{CodeTooLarge, fmt.Sprintf("request line over %d bytes", s.limits.MaxRequestBytes)}})
		} else if len(line) > 0 {
			s.dispatch(line, &wg)
		}
		if err != nil {
			wg.Wait()
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
}

// readLine reads up to '\n'; a line longer than limit is consumed and reported, never buffered whole.
func readLine(r *bufio.Reader, limit int) ([]byte, bool, error) {
	var line []byte
	tooLong := false
	for {
		chunk, err := r.ReadSlice('\n')
		if !tooLong {
			if len(line)+len(chunk) > limit {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return trimSpace(line), tooLong, err
	}
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r' || b[len(b)-1] == ' ') {
		b = b[:len(b)-1]
	}
	return b
}

func (s *Server) dispatch(line []byte, wg *sync.WaitGroup) {
	var req request
	if err := json.Unmarshal(line, &req); err != nil || req.Method == "" {
		message := "a request is a JSON object with a method"
		if err != nil {
			message = "not JSON: " + err.Error()
		}
		id := json.RawMessage("null")
		if req.ID != nil {
			id = *req.ID
		}
		s.write(response{ID: id, Error: &Error{CodeParse, message}})
		return
	}
	if req.Method == "cancel" {
		var target struct {
			ID json.RawMessage `json:"id"`
		}
		if json.Unmarshal(req.Params, &target) == nil {
			s.cancel(string(target.ID))
		}
		return
	}
	if req.ID == nil {
		s.write(response{ID: json.RawMessage("null"), Error: &Error{CodeParse, "a request needs an id"}})
		return
	}
	id := *req.ID
	handler, ok := s.handlers[req.Method]
	if !ok {
		s.write(response{ID: id, Error: &Error{CodeMethod, "unknown method " + req.Method}})
		return
	}
	timeout := s.limits.DefaultTimeout
	if req.TimeoutMs > 0 {
		timeout = min(time.Duration(req.TimeoutMs)*time.Millisecond, s.limits.MaxTimeout)
	}
	ctx, cancel := context.WithCancel(context.Background())
	p := &pending{id: id, cancel: cancel}
	s.mu.Lock()
	s.pending[string(id)] = p
	s.mu.Unlock()

	wg.Add(1)
	go func() {
		defer wg.Done()
		defer cancel()
		// Waiting for a slot: a cancel (the usual fate of a stale render) frees the request without work.
		select {
		case s.slots <- struct{}{}:
		case <-ctx.Done():
			s.finish(p, nil, &Error{CodeCancelled, "cancelled"})
			return
		}
		defer func() { <-s.slots }()
		s.mu.Lock()
		p.deadline = time.Now().Add(timeout)
		s.mu.Unlock()
		result, err := run(ctx, handler, req.Params)
		s.finish(p, result, err)
	}()
}

// run calls a handler, turning a panic into an internal error: bad input never ends the process.
func run(ctx context.Context, h Handler, params json.RawMessage) (result any, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &Error{CodeInternal, fmt.Sprintf("panic: %v\n%s", r, debug.Stack())}
		}
	}()
	return h(ctx, params)
}

func (s *Server) finish(p *pending, result any, err error) {
	s.mu.Lock()
	if p.answered {
		s.mu.Unlock()
		return
	}
	p.answered = true
	delete(s.pending, string(p.id))
	s.mu.Unlock()
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			e = &Error{CodeInternal, err.Error()}
		}
		s.write(response{ID: p.id, Error: e})
		return
	}
	s.write(response{ID: p.id, Result: result})
}

func (s *Server) cancel(id string) {
	s.mu.Lock()
	p := s.pending[id]
	s.mu.Unlock()
	if p == nil {
		return
	}
	p.cancel()
	// Answered now; a handler that cannot stop finishes in the background and its result is dropped.
	s.finish(p, nil, &Error{CodeCancelled, "cancelled"})
}

func (s *Server) write(r response) {
	line, err := json.Marshal(r)
	if err != nil {
		line, _ = json.Marshal(response{ID: r.ID, Error: &Error{CodeInternal, "cannot encode the result: " + err.Error()}})
	}
	s.outMu.Lock()
	defer s.outMu.Unlock()
	s.out.Write(line)
	s.out.WriteByte('\n')
	s.out.Flush()
}

// watch ends the process when a request overstays its deadline or the heap passes its limit,
// answering every pending request first.
func (s *Server) watch(stop <-chan struct{}) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case now := <-tick.C:
			metrics.Read(sample)
			heap := sample[0].Value.Uint64()
			s.mu.Lock()
			var late *pending
			for _, p := range s.pending {
				if !p.deadline.IsZero() && now.After(p.deadline) {
					late = p
					break
				}
			}
			s.mu.Unlock()
			if late != nil {
				s.abort(late, &Error{CodeTimeout, fmt.Sprintf("did not finish within its time limit; the engine stops to end it")})
			} else if heap > s.limits.MaxHeapBytes {
				s.abort(nil, &Error{CodeMemory, fmt.Sprintf("the engine's heap reached %d MB (limit %d MB); it stops to free it", heap>>20, s.limits.MaxHeapBytes>>20)})
			}
		}
	}
}

func (s *Server) abort(culprit *pending, why *Error) {
	s.mu.Lock()
	all := make([]*pending, 0, len(s.pending))
	for _, p := range s.pending {
		all = append(all, p)
	}
	s.mu.Unlock()
	for _, p := range all {
		if p == culprit || culprit == nil && !p.deadline.IsZero() {
			s.finish(p, nil, why)
		} else {
			s.finish(p, nil, &Error{CodeRestart, "the engine stopped because another request " + why.Message})
		}
	}
	fmt.Fprintln(os.Stderr, "engine exiting:", why.Message)
	s.exit(3)
}
