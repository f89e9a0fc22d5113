"""HTTP service (extra ``serve``): FastAPI app and ``riskdetect serve``.

Endpoints: ``POST /v1/check`` (one text or a list), ``POST /v1/conversations/scan``,
``GET /v1/labels``, ``GET /healthz``; OpenAPI at ``/openapi.json``. Bodies over the size
limit get 413; too many texts or too long a text get 422 with a message naming the limit.
With an API key configured, every ``/v1`` call needs ``Authorization: Bearer KEY`` or
``X-API-Key: KEY`` (401 otherwise). Message text is never logged.

>>> # riskdetect serve --host 127.0.0.1 --port 8080 --api-key-env RISKDETECT_API_KEY
"""

# No "from __future__ import annotations": FastAPI must see the request models, defined in create_app.

import hmac
import os
from typing import Union

__all__ = ["create_app", "run"]

DEFAULT_LIMITS = {"max_body_bytes": 2_000_000, "max_texts": 256, "max_text_chars": 100_000, "max_messages": 500}


def create_app(detector=None, model=None, api_key: str | None = None, **limits):
    """The FastAPI application around one :class:`~riskdetect.Detector` (loaded once)."""
    try:
        from fastapi import Depends, FastAPI, HTTPException, Request
        from fastapi.responses import JSONResponse
        from pydantic import BaseModel, Field
    except ImportError:
        raise ImportError("the HTTP service needs the serve extra: pip install 'riskdetect[serve]'") from None

    from . import __version__
    from .conversation import parse_messages
    from .detector import Detector
    from .inputs import InvalidInputError
    from .labels import TAXONOMY

    settings = {**DEFAULT_LIMITS, **limits}
    detector = detector or Detector.load(model)
    app = FastAPI(title="riskdetect", version=__version__, description="Online risks aimed at minors in Dutch chat text.")

    class CheckRequest(BaseModel):
        input: Union[str, list[str]] = Field(description="one text, or a list of texts")
        thresholds: Union[float, dict[str, float], str, None] = Field(
            default=None, description="per-call thresholds, or an operating point name (see /v1/labels)"
        )
        explain: bool = True

    class Message(BaseModel):
        text: str
        sender: Union[str, None] = Field(default=None, alias="from")
        ts: Union[str, float, None] = None

    class ScanRequest(BaseModel):
        messages: list[Union[str, Message]]
        thresholds: Union[float, dict[str, float], str, None] = None

    @app.middleware("http")
    async def limit_body(request: Request, call_next):
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > settings["max_body_bytes"]:
            return JSONResponse({"detail": f"request body over {settings['max_body_bytes']} bytes"}, status_code=413)
        if request.method == "POST":
            body = await request.body()
            if len(body) > settings["max_body_bytes"]:
                return JSONResponse({"detail": f"request body over {settings['max_body_bytes']} bytes"}, status_code=413)
        return await call_next(request)

    def authorize(request: Request):
        if api_key is None:
            return
        supplied = request.headers.get("x-api-key") or ""
        bearer = request.headers.get("authorization", "")
        if bearer.lower().startswith("bearer "):
            supplied = bearer[7:]
        if not hmac.compare_digest(supplied.encode(), api_key.encode()):
            raise HTTPException(status_code=401, detail="missing or wrong API key")

    def _check_texts(texts: list[str]):
        if len(texts) > settings["max_texts"]:
            raise HTTPException(422, f"input: {len(texts)} texts; at most {settings['max_texts']} per request")
        for index, text in enumerate(texts):
            if len(text) > settings["max_text_chars"]:
                raise HTTPException(422, f"input[{index}]: longer than {settings['max_text_chars']} characters")

    def _thresholds(value):
        try:
            detector._thresholds(value)
        except (TypeError, ValueError) as error:
            raise HTTPException(422, f"thresholds: {error}") from None
        return value

    @app.get("/healthz")
    def healthz():
        return {"status": "ok", "model_version": detector.model_version}

    @app.get("/v1/labels", dependencies=[Depends(authorize)])
    def labels():
        return {
            "labels": [TAXONOMY[l].to_dict() if l in TAXONOMY else {"id": l} for l in detector.labels],
            "operating_points": detector.operating_points,
        }

    @app.post("/v1/check", dependencies=[Depends(authorize)])
    def check(request: CheckRequest):
        texts = [request.input] if isinstance(request.input, str) else request.input
        _check_texts(texts)
        try:
            results = detector.check_many(texts, thresholds=_thresholds(request.thresholds), explain=request.explain)
        except InvalidInputError as error:
            raise HTTPException(422, str(error)) from None
        return {"model_version": detector.model_version, "results": [r.to_dict() for r in results]}

    @app.post("/v1/conversations/scan", dependencies=[Depends(authorize)])
    def scan(request: ScanRequest):
        if len(request.messages) > settings["max_messages"]:
            raise HTTPException(422, f"messages: at most {settings['max_messages']} per conversation")
        messages = [m if isinstance(m, str) else {"from": m.sender, "text": m.text} for m in request.messages]
        _check_texts(parse_messages(messages)[0])
        result = detector.scan_conversation(messages, thresholds=_thresholds(request.thresholds))
        return {"model_version": detector.model_version, **result.to_dict()}

    return app


def run(host: str = "127.0.0.1", port: int = 8080, model=None, api_key_env: str | None = None) -> None:
    """Serve with uvicorn; access logs show paths and status codes, never bodies."""
    try:
        import uvicorn
    except ImportError:
        raise ImportError("the HTTP service needs the serve extra: pip install 'riskdetect[serve]'") from None
    api_key = None
    if api_key_env:
        api_key = os.environ.get(api_key_env)
        if not api_key:
            raise ValueError(f"--api-key-env {api_key_env}: that environment variable is empty or not set")
    uvicorn.run(create_app(model=model, api_key=api_key), host=host, port=port, log_level="warning")
