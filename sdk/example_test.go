package testlens_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/testlens/testlens/sdk"
	"github.com/testlens/testlens/sdk/internal/fakeapi"
)

// The examples talk to fakeapi.New(), which stands in for a Testlens server;
// a program would pass its server's URL to NewClient instead.

func ExampleNewClient() {
	client, err := testlens.NewClient("https://testlens.example.com",
		testlens.WithAPIKey("tl_secret"),
		testlens.WithUserAgent("release-bot/2.1"),
		testlens.WithTimeout(30*time.Second),
		testlens.WithRetry(3, time.Second, 20*time.Second),
	)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(client.BaseURL())
	// Output: https://testlens.example.com
}

func ExampleClient_Analyze() {
	server := fakeapi.New()
	defer server.Close()
	client, err := testlens.NewClient(server.URL)
	if err != nil {
		log.Fatal(err)
	}

	analysis, err := client.Analyze(context.Background(), testlens.AnalyzeRequest{
		RepositoryURL: "https://github.com/acme/calc",
		Ref:           "main",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("analysis %d of %s is %s\n", analysis.ID, analysis.RepositoryURL, analysis.Status)
	// Output: analysis 1 of https://github.com/acme/calc is queued
}

func ExampleClient_Wait() {
	server := fakeapi.New()
	defer server.Close()
	client, err := testlens.NewClient(server.URL)
	if err != nil {
		log.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	analysis, err := client.Wait(ctx, 1)
	if err != nil {
		log.Fatal(err)
	}
	if analysis.Status != testlens.StatusCompleted {
		log.Fatalf("analysis %d %s: %s", analysis.ID, analysis.Status, analysis.FailureReason)
	}
	s := analysis.Summary
	fmt.Printf("%s: %d tests (%d of them cases) in %d files\n", analysis.Status, s.Tests, s.Cases, s.Files)
	// Output: completed: 3 tests (1 of them cases) in 2 files
}

func ExampleClient_Watch() {
	server := fakeapi.New()
	defer server.Close()
	client, err := testlens.NewClient(server.URL)
	if err != nil {
		log.Fatal(err)
	}

	for analysis, err := range client.Watch(context.Background(), 1) {
		if err != nil {
			log.Fatal(err)
		}
		p := analysis.Progress
		fmt.Printf("%-9s files %d/%d, tests %d\n", analysis.Status, p.FilesDone, p.FilesTotal, p.TestsFound)
	}
	// Output:
	// queued    files 0/0, tests 0
	// running   files 0/2, tests 0
	// running   files 2/2, tests 3
	// completed files 2/2, tests 3
}

func ExampleClient_Tests() {
	server := fakeapi.New()
	defer server.Close()
	client, err := testlens.NewClient(server.URL)
	if err != nil {
		log.Fatal(err)
	}

	// Pages of 2 tests: Tests fetches the next page when the loop needs it.
	opts := testlens.ListTestsOptions{Framework: "go-testing", ListOptions: testlens.ListOptions{Limit: 2}}
	for test, err := range client.Tests(context.Background(), 1, opts) {
		if err != nil {
			log.Fatal(err)
		}
		name := strings.Join(append(test.SuitePath, test.Name), "/")
		fmt.Printf("%s:%d %s (%s)\n", test.Path, test.Line, name, test.Status)
	}
	// Output:
	// calc_test.go:5 TestAdd (active)
	// calc_test.go:11 TestSlow (skipped)
	// sign_test.go:6 TestSigns/positive (active)
}

func ExampleClient_Diff() {
	server := fakeapi.New()
	defer server.Close()
	client, err := testlens.NewClient(server.URL)
	if err != nil {
		log.Fatal(err)
	}

	diff, err := client.Diff(context.Background(), 2, 1)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d added, %d removed, %d changed\n", diff.Totals.Added, diff.Totals.Removed, diff.Totals.Changed)
	for _, t := range diff.Added {
		fmt.Println("+", t.Path, t.Name)
	}
	for _, t := range diff.Removed {
		fmt.Println("-", t.Path, strings.Join(append(t.SuitePath, t.Name), "/"))
	}
	for _, t := range diff.Changed {
		fmt.Println("~", t.Path, t.Name, t.BaseStatus, "→", t.Status)
	}
	// Output:
	// 1 added, 1 removed, 1 changed
	// + calc_test.go TestMul
	// - sign_test.go TestSigns/positive
	// ~ calc_test.go TestSlow skipped → active
}

func ExampleClient_Cancel() {
	server := fakeapi.New()
	defer server.Close()
	client, err := testlens.NewClient(server.URL)
	if err != nil {
		log.Fatal(err)
	}

	analysis, err := client.Cancel(context.Background(), 3)
	if err != nil {
		log.Fatal(err)
	}
	// A running analysis stops within seconds; Wait sees it cancelled.
	fmt.Println(analysis.Status, "cancel requested:", !analysis.CancelRequestedAt.IsZero())
	// Output: running cancel requested: true
}

func ExampleAPIError() {
	server := fakeapi.New()
	defer server.Close()
	client, err := testlens.NewClient(server.URL)
	if err != nil {
		log.Fatal(err)
	}

	_, err = client.GetAnalysis(context.Background(), 99)
	fmt.Println(testlens.IsNotFound(err))

	_, err = client.Analyze(context.Background(), testlens.AnalyzeRequest{RepositoryURL: "ftp://example.com/repo"})
	var apiErr *testlens.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Status, apiErr.Type == testlens.ProblemValidation, apiErr.RequestID)
		for _, e := range apiErr.Errors {
			fmt.Printf("%s: %s\n", e.Location, e.Message)
		}
	}
	// Output:
	// true
	// 422 true req-v1-analyses
	// body.repository_url: must be an https:// URL
}
