// Stylesheets are bundled by esbuild into app.css; importing one only adds it there.
declare module '*.css';
