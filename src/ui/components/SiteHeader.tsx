export function SiteHeader() {
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="page">
        <h1>Meta-Learning Playground</h1>
        <p className="tagline">Watch a network learn how to learn, live in your browser.</p>
      </div>
    </header>
  );
}
